import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/engine/models/index.js';
import { prepareCase } from '../../../src/engine/workloads/index.js';
import { context, eventually, isAlive, trackingHost } from './support.js';

// Worker/child 0 exits with code 3 when it receives its task (the injected 'exit' fault).
describe.each(MODELS.map((m) => [m.id, m] as const))('%s', (id, model) => {
  it('rejects the run naming who exited and how, then closes leaving no process behind', async () => {
    const { host, pids } = trackingHost();
    const prepared = await prepareCase(
      { id: 'm', params: { workload: 'matrix', size: 32, seed: 1, kernel: 'tuned' } },
      host,
    );
    const session = await model.open(context(host, { workers: 2, faults: { model: id, kind: 'exit' } }));
    const run = session.run(prepared, { warmup: false });
    if (id === 'worker-pool') {
      await expect(run).rejects.toThrow(/^a worker pool thread died during the repetition: /);
    } else if (id === 'worker-threads' || id === 'shared-memory') {
      await expect(run).rejects.toThrow(/^worker 0 exited with code 3 during the repetition$/);
    } else {
      await expect(run).rejects.toThrow(/^child process 0 exited with code 3 during the repetition$/);
    }
    await session.close();
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 1000)).toBe(true);
  });
});
