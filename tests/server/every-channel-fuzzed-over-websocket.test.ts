// The whole contract fuzzed over the WebSocket bridge, as a hostile page holding the token would: hostile
// payloads generated from the zod schemas (tests/engine/ipc/fuzz-payloads.ts), each answered with
// bad-request, the server answering the next one, and not one write reaching the history file.
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ServerMessage } from '../../src/shared/wire.js';
import { checkBases, fuzzCases, type PathTricks } from '../engine/ipc/fuzz-payloads.js';
import { Client, request, SESSION, startTestServer, type TestServer } from './helpers.js';

const SEED = 0x13f00d;
const COUNT = fuzzCases(SEED, { symlinkOut: '/a', dotsOut: '/b' }).length;

let t: TestServer;
let client: Client;
let tricks: PathTricks;
beforeAll(async () => {
  t = await startTestServer();
  client = await Client.open(t.server);
  // An upload makes (and grants) this session's folder; a symlink planted in it leads out.
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  const upload = await request(t.server.port, {
    method: 'POST',
    path: '/upload?name=ok.png',
    headers: { 'x-cbench-token': t.server.token, 'x-cbench-session': SESSION },
    body: png,
  });
  expect(upload.status).toBe(200);
  const sessionDir = path.join(t.server.uploadRoot!, SESSION);
  const outside = path.join(t.dir, 'outside');
  mkdirSync(outside);
  await sharp(png).toFile(path.join(outside, 'private.png'));
  symlinkSync(path.join(outside, 'private.png'), path.join(sessionDir, 'link.png'));
  tricks = {
    symlinkOut: path.join(sessionDir, 'link.png'),
    dotsOut: `${sessionDir}/../../../../../..${outside}/private.png`,
  };
});
afterAll(async () => {
  await client.close();
  await t.dispose();
});

function historyRows(): { runs: number; machines: number } {
  const db = new Database(path.join(t.dir, 'history.db'), { readonly: true, fileMustExist: true });
  try {
    return {
      runs: (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n,
      machines: (db.prepare('SELECT count(*) AS n FROM machines').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

test(`${COUNT} hostile payloads over the WebSocket: each refused with bad-request, nothing recorded`, async () => {
  checkBases();
  const cases = fuzzCases(SEED, tricks);
  expect(cases.length).toBe(COUNT);
  // One connection watches for commits by any other: data_version moves when another connection writes.
  const watcher = new Database(path.join(t.dir, 'history.db'), { readonly: true, fileMustExist: true });
  const dataVersion = (): number => watcher.pragma('data_version', { simple: true }) as number;
  const before = { ...historyRows(), dataVersion: dataVersion() };
  const wrong: string[] = [];
  let id = 1;
  for (const fuzz of cases) {
    const reply: ServerMessage = await client.sendRaw(
      JSON.stringify({ type: 'invoke', id: id++, channel: fuzz.channel, payload: fuzz.payload }),
    );
    if (reply.type !== 'result' || reply.ok || reply.error.code !== 'bad-request') {
      wrong.push(`${fuzz.channel} ${fuzz.label}: ${JSON.stringify(reply).slice(0, 200)}`);
    }
  }
  const after = { ...historyRows(), dataVersion: dataVersion() };
  watcher.close();
  console.log(JSON.stringify({ bridge: 'websocket', seed: SEED, tried: cases.length, wrong: wrong.length }));
  expect(wrong).toEqual([]);
  expect(after).toEqual(before);
  expect(client.pushes).toEqual([]);
  // Still serving.
  expect(await client.invoke('run:active', null)).toBeNull();
}, 120_000);
