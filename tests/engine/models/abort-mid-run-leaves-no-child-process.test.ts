import { describe, expect, it } from 'vitest';
import { getModel } from '../../../src/engine/models/index.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { CHILD_MODELS, context, eventually, isAlive, trackingHost } from './support.js';

describe.each(CHILD_MODELS)('%s', (id) => {
  it('aborting mid-run rejects with an AbortError and every child is gone soon after', async () => {
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
    // Prompt, not after the computation: the children are killed, not waited for. The bounds are loose so
    // that a busy machine cannot fail the test; a leaked child would stay alive far beyond them.
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 10_000)).toBe(true);
    expect(Date.now() - abortedAt).toBeLessThan(10_000);
    await session.close();
  });
});
