import { describe, expect, it } from 'vitest';
import { getModel } from '../../../src/engine/models/index.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { context, eventually, osThreadCount, THREAD_MODELS, trackingHost } from './support.js';

describe.each(THREAD_MODELS)('%s', (id) => {
  it('aborting mid-run rejects with an AbortError and its threads are gone within 1 s', async () => {
    const { host } = trackingHost();
    const prepared = await prepareCase(
      { id: 'p', params: { workload: 'primes', limit: 3_000_000, memo: 'off' } },
      host,
    );
    const baseline = osThreadCount();
    const controller = new AbortController();
    const progress: number[] = [];
    const session = await getModel(id).open(
      context(host, { workers: 2, signal: controller.signal, onProgress: (p) => progress.push(p.done) }),
    );
    const run = session.run(prepared, { warmup: false });
    const rejected = expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // The pool reports per finished chunk, the others while computing: either way the threads are busy now.
    expect(await eventually(() => progress.length > 0, 10_000)).toBe(true);
    expect(osThreadCount()).toBeGreaterThanOrEqual(baseline + 2);
    controller.abort();
    await rejected;
    expect(await eventually(() => osThreadCount() <= baseline, 1000)).toBe(true);
    await session.close();
  });
});
