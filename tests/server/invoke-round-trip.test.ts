// The socket speaks IpcContract: an invoke comes back as a result with the same id, from the real service over
// a real SQLite file.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Client, ipcErrorOf, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
let client: Client;
beforeAll(async () => {
  t = await startTestServer();
  client = await Client.open(t.server);
});
afterAll(async () => {
  await client.close();
  await t.dispose();
});

test('machine:info answers with this machine', async () => {
  const info = await client.invoke('machine:info');
  expect(info.cpu.threads).toBeGreaterThan(0);
  expect(info.runtime.node).toBe(process.versions.node);
  expect(info.fingerprint).toMatch(/\w+/);
});

test('history:list answers with an empty page on a new database', async () => {
  const page = await client.invoke('history:list', {});
  expect(page).toEqual({ total: 0, runs: [] });
});

test('replies carry the id of their invocation', async () => {
  const [a, b] = await Promise.all([client.invoke('history:list', {}), client.invoke('machine:info')]);
  expect(a.total).toBe(0);
  expect(b.cpu).toBeDefined();
  const ids = client.messages.filter((m) => m.type === 'result').map((m) => (m as { id: number }).id);
  expect(new Set(ids).size).toBe(ids.length);
});

test('images:pick is refused in web mode with a clear error', async () => {
  const error = await client.invoke('images:pick').catch(ipcErrorOf);
  expect(error).toMatchObject({ code: 'bad-request' });
  expect((error as { message: string }).message).toMatch(/not available/);
});
