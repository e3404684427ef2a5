// The relay to the window: progress coalesced to at most ~30 flushes a second, nothing else ever dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventThrottle } from '../../src/main/throttle.js';
import type { RunEvent } from '../../src/shared/results.js';

function progress(done: number, worker = 0, model: 'processes' | 'sequential' = 'processes'): RunEvent {
  return {
    type: 'progress',
    runId: 'r1',
    caseId: 'primes:limit=1000:memo=off',
    model,
    rep: 1,
    warmup: false,
    phase: 'worker',
    worker: { index: worker, done, total: 1000 },
    completedSteps: 0,
    totalSteps: 10,
  };
}

function result(model: 'processes' | 'sequential'): RunEvent {
  return {
    type: 'result',
    runId: 'r1',
    result: {
      caseId: 'primes:limit=1000:memo=off',
      workload: 'primes',
      model,
      params: { workload: 'primes', limit: 1000, memo: 'off' },
      workers: 2,
      status: 'ok',
      samples: [],
      warnings: [],
    },
  };
}

describe('createEventThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends at most 30 progress flushes a second however fast progress arrives', () => {
    const flushTimes: number[] = [];
    let sent = 0;
    const throttle = createEventThrottle(
      () => {
        sent++;
        if (flushTimes.at(-1) !== Date.now()) flushTimes.push(Date.now());
      },
      { now: () => Date.now() },
    );
    // Two workers reporting every millisecond for two seconds: 4000 events.
    for (let ms = 0; ms < 2000; ms++) {
      throttle.push(progress(ms, 0));
      throttle.push(progress(ms, 1));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    // Steady flushing all along (about 60 in 2 s), and never more than 30 in any second (31 with both ends).
    expect(flushTimes.length).toBeGreaterThanOrEqual(55);
    const busiestSecond = Math.max(
      ...flushTimes.map((t) => flushTimes.filter((u) => u >= t && u < t + 1000).length),
    );
    expect(busiestSecond).toBeLessThanOrEqual(31);
    for (let i = 1; i < flushTimes.length; i++) {
      expect(flushTimes[i] - flushTimes[i - 1]).toBeGreaterThanOrEqual(33);
    }
    // One event per worker per flush: coalesced, not queued.
    expect(sent).toBe(flushTimes.length * 2);
  });

  it('keeps the latest progress of every worker, and never drops or reorders results', () => {
    const sent: RunEvent[] = [];
    const throttle = createEventThrottle((event) => sent.push(event), { now: () => Date.now() });
    throttle.push(progress(1, 0));
    throttle.push(progress(2, 0));
    throttle.push(progress(7, 1));
    throttle.push(result('processes'));
    throttle.push(progress(3, 0, 'sequential'));
    throttle.push(result('sequential'));
    vi.advanceTimersByTime(1000);
    expect(
      sent.map((event) =>
        event.type === 'progress'
          ? `${event.model}:${event.worker?.index}:${event.worker?.done}`
          : `result:${event.type === 'result' ? event.result.model : ''}`,
      ),
    ).toEqual(['processes:0:2', 'processes:1:7', 'result:processes', 'sequential:0:3', 'result:sequential']);
  });

  it('sends nothing after dispose (the window is gone)', () => {
    const sent: RunEvent[] = [];
    const throttle = createEventThrottle((event) => sent.push(event), { now: () => Date.now() });
    throttle.push(progress(1));
    throttle.dispose();
    throttle.push(result('processes'));
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });
});
