import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { BusyError } from '../../../src/engine/service.js';
import { createBenchService } from '../../../src/engine/service-impl.js';
import { openStore } from '../../../src/engine/store/index.js';
import type { RunEvent } from '../../../src/shared/results.js';
import { tempDir } from '../../store/fixtures.js';

const temp = tempDir('cbench-service-cancel-');
afterAll(() => temp.cleanup());

test('run:cancel stops the run, which is recorded as cancelled; close() waits for it and closes the store', async () => {
  const dbPath = path.join(temp.dir, 'h.sqlite');
  const service = await createBenchService({ dbPath, host: nodeHost() });
  const events: RunEvent[] = [];
  service.onRunEvent((e) => events.push(e));
  const { runId } = await service.handle('run:start', {
    suite: 'quick',
    workloads: ['primes'],
    models: ['sequential'],
    reps: 200,
    warmup: 0,
    limit: 200000,
  });
  await new Promise<void>((resolve) => {
    const check = () =>
      events.some((e) => e.type === 'result' || (e.type === 'progress' && e.rep >= 2))
        ? resolve()
        : setTimeout(check, 20);
    check();
  });
  expect(await service.handle('run:cancel', { runId: 'someone-else' })).toEqual({ cancelled: false });
  expect(await service.handle('run:cancel', { runId })).toEqual({ cancelled: true });
  await service.close();
  expect(events.at(-1)).toMatchObject({ type: 'done', status: 'cancelled' });
  await expect(service.handle('run:active', undefined)).rejects.toThrow(BusyError);

  const store = openStore(dbPath);
  try {
    expect(store.getRun(runId).status).toBe('cancelled');
  } finally {
    store.close();
  }
});
