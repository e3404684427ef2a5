// In the desktop app a window may name what its user picked in the dialog or dropped on it (plus run
// outputs and samples), nothing else: the preload tells main what was dropped on a channel the page cannot
// reach, and only the app page may send it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageInfo, IpcReply } from '../../src/shared/ipc.js';
import { ShellProcess } from './support/shell.js';

describe('the path policy of a window', () => {
  let shell: ShellProcess;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cbench-window-paths-'));
  const dropped = path.join(dir, 'dropped.png');
  const picked = path.join(dir, 'picked.png');
  const other = path.join(dir, 'never-given.png');
  beforeAll(async () => {
    const png = sharp({ create: { width: 6, height: 4, channels: 3, background: '#102030' } }).png();
    await Promise.all([dropped, picked, other].map((file) => png.clone().toFile(file)));
    shell = await ShellProcess.start();
  });
  afterAll(async () => {
    await shell?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const inspect = (paths: string[], sender = 'app'): Promise<IpcReply<'images:inspect'>> =>
    shell.order('invokeRaw', { channel: 'images:inspect', payload: { paths }, sender });

  it('refuses a file the user never gave, naming it', async () => {
    const reply = await inspect([other]);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!reply.ok && reply.error.message).toContain(`images:inspect: paths: ${JSON.stringify(other)}`);
  });

  it('reads a dropped file once the preload has told main about it', async () => {
    expect((await inspect([dropped])).ok).toBe(false);
    expect(await shell.order('drop', { paths: [dropped] })).toEqual([dropped]);
    const reply = await inspect([dropped]);
    expect(reply.ok && (reply.value as ImageInfo[])[0]).toMatchObject({ ok: true, width: 6, height: 4 });
    expect((await inspect([other])).ok).toBe(false);
  });

  it('reads what the dialog returned', async () => {
    await shell.order('setDialogResponse', { response: { canceled: false, filePaths: [picked] } });
    expect(await shell.api('pickImages')).toEqual({ paths: [picked] });
    expect((await inspect([picked])).ok).toBe(true);
  });

  it('takes drops only from the app page, and only absolute paths', async () => {
    const foreign = await shell.order<IpcReply<'images:inspect'>>('invokeRaw', {
      channel: 'images:dropped',
      payload: { paths: [other] },
      sender: 'other-window',
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const relative = await shell.order<IpcReply<'images:inspect'>>('invokeRaw', {
      channel: 'images:dropped',
      payload: { paths: ['never-given.png'] },
    });
    expect(relative).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await inspect([other])).ok).toBe(false);
  });
});
