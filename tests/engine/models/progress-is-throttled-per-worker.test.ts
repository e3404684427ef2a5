import { describe, expect, it } from 'vitest';
import { getModel } from '../../../src/engine/models/index.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { context, trackingHost } from './support.js';

describe('per-worker progress', () => {
  it('comes from every worker, at most ~20 a second each, and ends at the worker total', async () => {
    const { host } = trackingHost();
    const prepared = await prepareCase(
      { id: 'p', params: { workload: 'primes', limit: 1_500_000, memo: 'off' } },
      host,
    );
    const events: Array<{ index: number; done: number; total: number; atMs: number }> = [];
    const session = await getModel('worker-threads').open(
      context(host, { workers: 2, onProgress: (p) => events.push({ ...p, atMs: performance.now() }) }),
    );
    try {
      const outcome = await session.run(prepared, { warmup: false });
      for (const index of [0, 1]) {
        const mine = events.filter((e) => e.index === index);
        expect(mine.length).toBeGreaterThan(1);
        const last = mine.at(-1)!;
        expect(last.done).toBe(last.total);
        expect(last.total).toBe(outcome.workers[index].items);
        // Between any two reports but the final one, at least the 50 ms throttle interval (minus timer slack).
        for (let i = 1; i < mine.length - 1; i++)
          expect(mine[i].atMs - mine[i - 1].atMs).toBeGreaterThanOrEqual(45);
        for (let i = 1; i < mine.length; i++) expect(mine[i].done).toBeGreaterThanOrEqual(mine[i - 1].done);
      }
    } finally {
      await session.close();
    }
  });
});
