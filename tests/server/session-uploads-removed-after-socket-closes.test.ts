// A session's uploads outlive a page reload (the socket comes back within the grace period) but not the page:
// once its last socket is gone for longer than the grace period, the folder is removed.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Client, request, SESSION, startTestServer, type TestServer } from './helpers.js';

// Long enough that a reconnect made at once always lands inside it, even on a busy machine.
const GRACE_MS = 2_000;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ uploadLimits: { graceMs: GRACE_MS } });
});
afterAll(() => t.dispose());

async function uploadOne(): Promise<string> {
  const res = await request(t.server.port, {
    method: 'POST',
    path: '/upload?name=a.png',
    headers: { 'x-cbench-token': t.server.token, 'x-cbench-session': SESSION },
    body: 'bytes',
  });
  expect(res.status).toBe(200);
  return JSON.parse(res.body).path;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a reconnect within the grace period keeps the files', async () => {
  const client = await Client.open(t.server);
  const file = await uploadOne();
  await client.close();
  const again = await Client.open(t.server);
  await sleep(GRACE_MS * 2);
  expect(existsSync(file)).toBe(true);
  await again.close();
});

test('files go once the last socket has been closed for the grace period', async () => {
  const client = await Client.open(t.server);
  const file = await uploadOne();
  await sleep(GRACE_MS * 2);
  expect(existsSync(file)).toBe(true);
  await client.close();
  const deadline = Date.now() + GRACE_MS + 30_000;
  while (existsSync(file) && Date.now() < deadline) await sleep(50);
  expect(existsSync(file)).toBe(false);
});
