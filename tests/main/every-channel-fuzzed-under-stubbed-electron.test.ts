// The whole contract fuzzed through the Electron handlers (main process under the stubbed electron), from
// the app's own page: the same schema-generated hostile payloads as the WebSocket bridge, plus values only
// structured clone can carry (NaN and ±Infinity arrive as such here). Each is answered with bad-request,
// the main process answers the next one, and the history file sees no write.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcReply } from '../../src/shared/ipc.js';
import { checkBases, fuzzCases, type PathTricks } from '../engine/ipc/fuzz-payloads.js';
import { ShellProcess } from './support/shell.js';

const SEED = 0x13e1ec;
const COUNT = fuzzCases(SEED, { symlinkOut: '/a', dotsOut: '/b' }).length;

describe('the Electron handlers under fuzzing', () => {
  let shell: ShellProcess;
  let tricks: PathTricks;
  beforeAll(async () => {
    shell = await ShellProcess.start();
    // A folder the user picked is this window's to read; a symlink in it leads out.
    const picked = path.join(shell.dir, 'picked');
    const outside = path.join(shell.dir, 'outside');
    mkdirSync(picked);
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'private.png'), 'not for the page');
    symlinkSync(path.join(outside, 'private.png'), path.join(picked, 'link.png'));
    await shell.order('setDialogResponse', { response: { canceled: false, filePaths: [picked] } });
    expect(await shell.api('pickImages')).toEqual({ paths: [picked] });
    tricks = {
      symlinkOut: path.join(picked, 'link.png'),
      dotsOut: `${picked}/../../../../../..${outside}/private.png`,
    };
  });
  afterAll(() => shell?.dispose());

  it(`${COUNT} hostile payloads through ipcMain: each refused with bad-request, nothing recorded`, async () => {
    checkBases();
    const cases = fuzzCases(SEED, tricks);
    expect(cases.length).toBe(COUNT);
    // Make sure the history file exists before watching it (the shell opens it on start).
    expect((await shell.order<IpcReply<'run:active'>>('invokeRaw', { channel: 'run:active' })).ok).toBe(true);
    const watcher = new Database(shell.dbPath, { readonly: true, fileMustExist: true });
    const state = () => ({
      dataVersion: watcher.pragma('data_version', { simple: true }),
      runs: (watcher.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n,
      machines: (watcher.prepare('SELECT count(*) AS n FROM machines').get() as { n: number }).n,
    });
    const before = state();
    const wrong: string[] = [];
    for (const fuzz of cases) {
      const reply = await shell.order<IpcReply<'run:active'>>('invokeRaw', {
        channel: fuzz.channel,
        payload: fuzz.payload,
      });
      if (reply.ok || reply.error.code !== 'bad-request') {
        wrong.push(`${fuzz.channel} ${fuzz.label}: ${JSON.stringify(reply).slice(0, 200)}`);
      }
    }
    const after = state();
    watcher.close();
    console.log(JSON.stringify({ bridge: 'electron', seed: SEED, tried: cases.length, wrong: wrong.length }));
    expect(wrong).toEqual([]);
    expect(after).toEqual(before);
    const alive = await shell.order<IpcReply<'run:active'>>('invokeRaw', { channel: 'run:active' });
    expect(alive).toEqual({ ok: true, value: null });
  }, 120_000);
});
