// A run started over the socket streams plan, progress (at most about one push per 34 ms), results and done,
// and lands in the history.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunEvent } from '../../src/shared/results.js';
import { Client, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
let client: Client;
const raw: { atMs: number; event: RunEvent }[] = [];
beforeAll(async () => {
  t = await startTestServer();
  (await t.server.ready).onRunEvent((event) => raw.push({ atMs: performance.now(), event }));
  client = await Client.open(t.server);
});
afterAll(async () => {
  await client.close();
  await t.dispose();
});

test('plan, throttled progress, verified results, done; then the run is in the history', async () => {
  const { runId } = await client.invoke('run:start', {
    suite: 'custom',
    workloads: ['primes'],
    models: ['sequential', 'worker-threads', 'shared-memory'],
    limit: 200_000,
    memo: ['off'],
    workers: 2,
    reps: 3,
    warmup: 0,
  });
  expect(runId).toMatch(/\w/);
  const done = await client.waitForPush((e) => e.type === 'done', 120_000);
  expect(done).toMatchObject({ type: 'done', runId, status: 'completed' });

  const events = client.pushes.map((p) => p.event).filter((e) => e.runId === runId);
  expect(events[0].type).toBe('plan');
  expect(events.at(-1)!.type).toBe('done');
  const results = events.filter((e) => e.type === 'result');
  expect(results).toHaveLength(3);
  for (const r of results) expect(r.type === 'result' && r.result.status).toBe('ok');

  const progress = client.pushes.filter((p) => p.event.type === 'progress');
  expect(progress.length).toBeGreaterThan(0);
  // At most one progress push per 34 ms interval over the run, plus the one flushed before each result or
  // done. (Counted rather than spaced: arrival times on a busy client bunch up even when sends did not.)
  const first = client.pushes.find((p) => p.event.type === 'plan')!;
  const last = client.pushes.find((p) => p.event.type === 'done')!;
  const nonProgressCount = events.filter((e) => e.type !== 'progress').length;
  const budget = Math.ceil((last.atMs - first.atMs) / 34) + nonProgressCount + 1;
  expect(progress.length).toBeLessThanOrEqual(budget);
  // Never more progress pushes than the service emitted, and every non-progress event arrives.
  const rawProgress = raw.filter((r) => r.event.type === 'progress').length;
  expect(progress.length).toBeLessThanOrEqual(rawProgress);
  const nonProgress = (list: RunEvent[]) => list.filter((e) => e.type !== 'progress').map((e) => e.type);
  expect(nonProgress(events)).toEqual(nonProgress(raw.map((r) => r.event)));

  const page = await client.invoke('history:list', {});
  expect(page.runs.map((r) => r.id)).toContain(runId);
});
