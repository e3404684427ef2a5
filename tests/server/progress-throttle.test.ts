// The per-socket throttle: a burst of progress becomes at most one push per interval, each worker's latest
// state still gets through, completedSteps never goes backwards, and plan/result/done are never dropped.
import { expect, test } from 'vitest';
import { ProgressThrottle } from '../../src/server/throttle.js';
import type { RunEvent } from '../../src/shared/results.js';

const INTERVAL_MS = 34;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function progress(step: number, worker: number): RunEvent {
  return {
    type: 'progress',
    runId: 'r',
    caseId: 'primes',
    model: 'worker-threads',
    rep: 1,
    warmup: false,
    phase: 'worker',
    worker: { index: worker, done: step, total: 1000 },
    completedSteps: step,
    totalSteps: 1000,
  };
}

test('a 1000-event burst over 500 ms yields about 30 pushes a second, in step order, every worker seen', async () => {
  const sent: { atMs: number; event: RunEvent }[] = [];
  const throttle = new ProgressThrottle(
    (event) => sent.push({ atMs: performance.now(), event }),
    INTERVAL_MS,
  );
  const started = performance.now();
  for (let step = 1; step <= 1000; step++) {
    throttle.push(progress(step, step % 4));
    if (step % 20 === 0) await sleep(10);
  }
  await sleep(INTERVAL_MS * 6);
  const elapsedMs = sent.at(-1)!.atMs - started;
  expect(sent.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / INTERVAL_MS) + 1);
  expect(sent.length).toBeGreaterThan(3);
  const steps = sent.map((s) => (s.event as { completedSteps: number }).completedSteps);
  expect(steps).toEqual([...steps].sort((a, b) => a - b));
  const workers = new Set(sent.map((s) => (s.event as { worker: { index: number } }).worker.index));
  expect(workers).toEqual(new Set([0, 1, 2, 3]));
  for (let i = 1; i < sent.length; i++) {
    expect(sent[i].atMs - sent[i - 1].atMs).toBeGreaterThanOrEqual(INTERVAL_MS - 2);
  }
  throttle.close();
});

test('plan, result and done always go through, in order, after the newest pending progress', () => {
  const sent: RunEvent[] = [];
  const throttle = new ProgressThrottle((event) => sent.push(event), INTERVAL_MS);
  const plan = { type: 'plan', runId: 'r' } as unknown as RunEvent;
  const result = { type: 'result', runId: 'r' } as unknown as RunEvent;
  const done = { type: 'done', runId: 'r' } as unknown as RunEvent;
  throttle.push(plan);
  for (let step = 1; step <= 50; step++) throttle.push(progress(step, 0));
  throttle.push(result);
  throttle.push(progress(51, 0));
  throttle.push(progress(52, 1));
  throttle.push(done);
  expect(sent.map((e) => e.type)).toEqual(['plan', 'progress', 'progress', 'result', 'progress', 'done']);
  expect((sent[1] as { completedSteps: number }).completedSteps).toBe(1);
  expect((sent[2] as { completedSteps: number }).completedSteps).toBe(50);
  expect((sent[4] as { completedSteps: number }).completedSteps).toBe(52);
  throttle.close();
});
