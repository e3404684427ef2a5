import { describe, expect, it } from 'vitest';
import { getModel } from '../../../src/engine/models/index.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { CHILD_MODELS, context, eventually, isAlive, trackingHost } from './support.js';

describe.each(CHILD_MODELS)('%s', (id) => {
  it('aborting mid-run rejects with an AbortError and every child is gone within 1 s', async () => {
    const { host, pids } = trackingHost();
    // Long enough (seconds) that the abort lands while the children compute.
    const prepared = await prepareCase(
      { id: 'p', params: { workload: 'primes', limit: 3_000_000, memo: 'off' } },
      host,
    );
    const controller = new AbortController();
    const progress: number[] = [];
    const session = await getModel(id).open(
      context(host, { workers: 2, signal: controller.signal, onProgress: (p) => progress.push(p.done) }),
    );
    const run = session.run(prepared, { warmup: false });
    const rejected = expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await eventually(() => progress.length > 0, 10_000)).toBe(true);
    expect(pids.length).toBeGreaterThan(0);
    expect(pids.some((pid) => isAlive(pid))).toBe(true);
    const abortedAt = Date.now();
    controller.abort();
    await rejected;
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 1000)).toBe(true);
    expect(Date.now() - abortedAt).toBeLessThan(1500);
    await session.close();
  });
});
