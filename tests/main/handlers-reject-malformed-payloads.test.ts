// Bad payloads never reach the engine: each is refused with a code and a message naming what was wrong,
// as data (no stack trace crosses to the page), and the app keeps answering afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcReply } from '../../src/shared/ipc.js';
import { ShellProcess } from './support/shell.js';

describe('payload validation through the main handlers', () => {
  let shell: ShellProcess;
  beforeAll(async () => {
    shell = await ShellProcess.start();
  });
  afterAll(() => shell?.dispose());

  const invoke = (channel: string, payload: unknown): Promise<IpcReply<'run:start'>> =>
    shell.order('invokeRaw', { channel, payload, sender: 'app' });

  it.each([
    ['run:start', { suite: 'bogus' }, /suite/],
    ['run:start', { suite: 'quick', reps: -1 }, /reps/],
    ['run:start', { suite: 'quick', models: ['threads'] }, /model|threads/],
    ['run:start', { suite: 'quick', rmrf: true }, /rmrf/],
    ['run:start', 'quick', /./],
    ['history:get', { runId: 42 }, /runId/],
    ['history:list', { limit: 'all' }, /limit/],
    ['history:compare', { runIds: 'a,b' }, /runIds/],
    ['machine:setLabel', { label: 'x'.repeat(100_000) }, /label/],
  ])('%s with %j is refused as a bad request naming the input', async (channel, payload, named) => {
    const reply = await invoke(channel, payload);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('bad-request');
    expect(reply.error.message).toMatch(named);
    expect(reply.error.message).not.toMatch(/\n\s+at /);
  });

  it('says which run id is unknown', async () => {
    const reply = await invoke('history:get', { runId: 'no-such-run' });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('no-such-run') },
    });
  });

  it('rejects window.api calls with an Error carrying the message', async () => {
    await expect(shell.api('startRun', { suite: 'bogus' })).rejects.toThrow(/suite/);
    await expect(shell.api('getRun', 'no-such-run')).rejects.toThrow(/no-such-run/);
  });

  it('has no handler for a channel outside the contract', async () => {
    await expect(invoke('fs:readFile', { path: '/etc/passwd' })).rejects.toThrow(/No handler registered/);
  });

  it('keeps answering after all of that', async () => {
    expect((await invoke('run:active', undefined)).ok).toBe(true);
  });
});
