// Every IPC handler answers only the app's page in the app's window: another window, a sub-frame, a page
// the window was navigated to, or a gone frame are refused with 'forbidden', and the service is never asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcReply } from '../../src/shared/ipc.js';
import { ShellProcess } from './support/shell.js';

describe('the sender check', () => {
  let shell: ShellProcess;
  beforeAll(async () => {
    shell = await ShellProcess.start();
  });
  afterAll(() => shell?.dispose());

  const invoke = (channel: string, payload: unknown, sender: string): Promise<IpcReply<'machine:setLabel'>> =>
    shell.order('invokeRaw', { channel, payload, sender });

  it('answers the app page in the app window', async () => {
    const reply = await invoke('machine:info', undefined, 'app');
    expect(reply.ok).toBe(true);
  });

  it.each([
    ['other-window', /not the app window/],
    ['sub-frame', /sub-frame/],
    ['other-page', /not the app \(https:\/\/example\.com\/\)/],
    ['no-frame', /frame is gone/],
  ])('refuses a message from %s, naming why, without touching the history', async (sender, reason) => {
    const reply = await invoke('machine:setLabel', { label: `set by ${sender}` }, sender);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(reason) },
    });
    const info = await invoke('machine:info', undefined, 'app');
    expect(info.ok && info.value.label).not.toBe(`set by ${sender}`);
  });

  it('registers a handler for every channel of the contract, the preload drop channel, and no other', async () => {
    const { handlers } = await shell.order<{ handlers: string[] }>('inspect');
    expect(handlers).toEqual(
      [
        'history:compare',
        'history:delete',
        'history:export',
        'history:get',
        'history:import',
        'history:list',
        'history:report',
        'history:status',
        'images:dropped',
        'images:inspect',
        'images:pick',
        'machine:info',
        'machine:setLabel',
        'run:active',
        'run:cancel',
        'run:start',
      ].sort(),
    );
  });
});
