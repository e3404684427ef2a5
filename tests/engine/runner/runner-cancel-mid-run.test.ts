import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { fakeModel, fakeResolver, newFakeLog } from '../../fixtures/fake-model.js';
import { collect, ofType, primesCase, tinySpec } from './helpers.js';

describe('cancellation', () => {
  it('stops at once, closes every session, reports unfinished results as cancelled with their samples', async () => {
    const log = newFakeLog();
    const controller = new AbortController();
    const { events, onEvent } = collect();
    let timedDone = 0;
    let abortAt = 0;
    const run = runSuite({
      spec: tinySpec(['sequential', 'worker-pool'], {
        cases: [primesCase(2000), primesCase(3000)],
        warmup: 0,
        reps: 5,
      }),
      host: nodeHost(),
      signal: controller.signal,
      onEvent: (event) => {
        onEvent(event);
        // abort while the third timed repetition is running
        if (event.type === 'progress' && event.phase === 'end' && ++timedDone === 2) {
          setTimeout(() => {
            abortAt = Date.now();
            controller.abort();
          }, 50);
        }
      },
      resolveModel: fakeResolver({
        sequential: fakeModel('sequential', { waitMs: 100 }, log),
        // from its second run on, this one takes 5 s and ignores the signal: the runner must not wait for it
        'worker-pool': fakeModel('worker-pool', { waitMs: [100, 5000], waitIgnoresAbort: true }, log),
      }),
    });
    const outcome = await run;
    expect(outcome.status).toBe('cancelled');
    // The worker-pool fake would take 5 s more: ending well before that proves the runner did not wait.
    expect(Date.now() - abortAt).toBeLessThan(3_000);
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'cancelled' });

    const results = ofType(events, 'result').map((e) => e.result);
    expect(results).toHaveLength(2); // the first case only: the second never started
    expect(results.every((r) => r.status === 'cancelled')).toBe(true);
    const sampleCounts = results.map((r) => r.samples.length).sort();
    expect(sampleCounts).toEqual([1, 1]);
    expect(results.every((r) => r.summary?.n === 1)).toBe(true);
    expect(results[0].reason).toMatch(/cancelled after 1 of 5/);
    expect(log.open.size).toBe(0);
    expect(log.calls.some((c) => c.caseId === 'primes:limit=3000:memo=off')).toBe(false);
  });

  it('an already aborted signal gives plan then done cancelled, without running anything', async () => {
    const log = newFakeLog();
    const { events, onEvent } = collect();
    const outcome = await runSuite({
      spec: tinySpec(['sequential']),
      host: nodeHost(),
      signal: AbortSignal.abort(),
      onEvent,
      resolveModel: fakeResolver({ sequential: fakeModel('sequential', {}, log) }),
    });
    expect(outcome.status).toBe('cancelled');
    expect(events.map((e) => e.type)).toEqual(['plan', 'done']);
    expect(log.calls).toHaveLength(0);
  });
});
