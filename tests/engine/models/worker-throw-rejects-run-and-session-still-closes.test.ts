import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/engine/models/index.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { context, eventually, isAlive, trackingHost } from './support.js';

// Worker 1 of the parallel models, worker 0 of the single-child ones, throws from its task.
describe.each(MODELS.map((m) => [m.id, m] as const))('%s', (id, model) => {
  it('rejects the run with "<worker> threw: <message>" and still closes cleanly', async () => {
    const { host, pids } = trackingHost();
    const single = id === 'sequential' || id === 'async';
    const worker = single ? 0 : 1;
    const prepared = await prepareCase(
      { id: 'p', params: { workload: 'primes', limit: 5000, memo: 'off' } },
      host,
    );
    const session = await model.open(
      context(host, { workers: 2, faults: { model: id, kind: 'throw', worker } }),
    );
    const label = single || id === 'processes' || id === 'process-pool' ? 'child process' : 'worker';
    // The pool models hand chunk `worker` to whichever worker is free, so only the label is fixed there.
    const who = id === 'worker-pool' || id === 'process-pool' ? `${label} \\d+` : `${label} ${worker}`;
    await expect(session.run(prepared, { warmup: false })).rejects.toThrow(
      new RegExp(`^${who} threw: injected fault: (shared-)?primes task threw on purpose$`),
    );
    await session.close();
    await session.close();
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 1000)).toBe(true);
  });
});
