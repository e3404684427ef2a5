import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { BusyError, type BenchService } from '../../../src/engine/service.js';
import { createBenchService } from '../../../src/engine/service-impl.js';
import type { RunEvent } from '../../../src/shared/results.js';
import { tempDir } from '../../store/fixtures.js';

const temp = tempDir('cbench-service-run-');
let service: BenchService;
beforeAll(async () => {
  service = await createBenchService({
    dbPath: path.join(temp.dir, 'h.sqlite'),
    host: nodeHost(),
    appVersion: '9.9.9',
  });
});
afterAll(async () => {
  await service.close();
  temp.cleanup();
});

/** Subscribes before the start (the plan is emitted before run:start answers) and resolves at `done`. */
function collect(): { events: RunEvent[]; done: Promise<RunEvent> } {
  const events: RunEvent[] = [];
  const done = new Promise<RunEvent>((resolve) => {
    const off = service.onRunEvent((event) => {
      events.push(event);
      if (event.type === 'done') {
        off();
        resolve(event);
      }
    });
  });
  return { events, done };
}

test('a run streams its events, is recorded as it goes, and only one runs at a time', async () => {
  const { events, done } = collect();
  const request = {
    suite: 'quick',
    workloads: ['primes'],
    models: ['sequential', 'worker-threads'],
    reps: 2,
    warmup: 0,
    limit: 5000,
  };
  const { runId } = await service.handle('run:start', request);
  await expect(service.handle('run:start', request)).rejects.toThrow(BusyError);
  const active = await service.handle('run:active', undefined);
  expect(active?.runId).toBe(runId);
  expect(active?.events[0]).toMatchObject({ type: 'plan', runId });
  const finished = await done;
  expect(finished).toMatchObject({ type: 'done', status: 'completed' });
  expect(events[0]).toMatchObject({ type: 'plan', runId });
  expect(events.filter((e) => e.type === 'result')).toHaveLength(2);

  const record = await service.handle('history:get', { runId });
  expect(record.status).toBe('completed');
  expect(record.appVersion).toBe('9.9.9');
  expect(record.results.map((r) => r.model).sort()).toEqual(['sequential', 'worker-threads']);
  for (const result of record.results) {
    expect(result.status).toBe('ok');
    expect(result.samples).toHaveLength(2);
    expect(result.samples.every((s) => s.verification.ok)).toBe(true);
  }
  expect(await service.handle('run:active', undefined)).toBeNull();
});

test('save: false runs without recording; bad suite options are BadRequest naming the option', async () => {
  const { done } = collect();
  const { runId } = await service.handle('run:start', {
    suite: 'quick',
    workloads: ['matrix'],
    models: ['sequential'],
    reps: 1,
    warmup: 0,
    size: 32,
    save: false,
  });
  await done;
  await expect(service.handle('history:get', { runId })).rejects.toThrow(`unknown run id: ${runId}`);
  await expect(
    service.handle('run:start', {
      suite: 'quick',
      workloads: ['images'],
      images: [path.join(temp.dir, 'nope.png')],
    }),
  ).rejects.toThrow(/run:start: .*nope\.png/);
  // A refused start leaves the slot free.
  expect(await service.handle('run:active', undefined)).toBeNull();
});
