// A run can be cancelled over the socket: done arrives with status cancelled, and a second run:start while one
// is running is refused as busy.
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

test('cancel mid-run ends it as cancelled', async () => {
  const { runId } = await client.invoke('run:start', {
    suite: 'custom',
    workloads: ['primes'],
    models: ['sequential', 'processes'],
    limit: 3_000_000,
    memo: ['off'],
    workers: 2,
    reps: 20,
    warmup: 0,
  });
  await client.waitForPush((e) => e.type === 'progress' && e.runId === runId);
  const busy = await client.invoke('run:start', { suite: 'quick' }).catch(ipcErrorOf);
  expect(busy).toMatchObject({ code: 'busy' });
  const active = await client.invoke('run:active');
  expect(active?.runId).toBe(runId);
  expect(await client.invoke('run:cancel', { runId })).toEqual({ cancelled: true });
  const done = await client.waitForPush((e) => e.type === 'done' && e.runId === runId, 30_000);
  expect(done).toMatchObject({ status: 'cancelled' });
  expect(await client.invoke('run:active')).toBeNull();
});
