import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { NotFoundError, type BenchService } from '../../../src/engine/service.js';
import { createBenchService } from '../../../src/engine/service-impl.js';
import { createRecorder, openStore } from '../../../src/engine/store/index.js';
import { machine, runEvents, tempDir } from '../../store/fixtures.js';

const temp = tempDir('cbench-service-');
let service: BenchService;
let other: BenchService;

beforeAll(async () => {
  const dbPath = path.join(temp.dir, 'h.sqlite');
  const store = openStore(dbPath);
  const record = createRecorder(store, machine(), '0.1.0');
  for (let i = 0; i < 12; i++) {
    const day = String(i + 1).padStart(2, '0');
    for (const e of runEvents(`svc-${day}`, `2024-08-${day}T08:00:00.000Z`, 1 + i / 10)) record(e);
  }
  store.close();
  service = await createBenchService({ dbPath, host: nodeHost(), appVersion: '0.1.0', defaultPageSize: 5 });
  other = await createBenchService({ dbPath: path.join(temp.dir, 'other.sqlite'), host: nodeHost() });
});
afterAll(async () => {
  await service.close();
  await other.close();
  temp.cleanup();
});

test('history:list pages with the total', async () => {
  const first = await service.handle('history:list', {});
  expect(first.total).toBe(12);
  expect(first.runs.map((r) => r.id)).toEqual(['svc-12', 'svc-11', 'svc-10', 'svc-09', 'svc-08']);
  const last = await service.handle('history:list', { limit: 5, offset: 10 });
  expect(last.runs.map((r) => r.id)).toEqual(['svc-02', 'svc-01']);
  expect((await service.handle('history:list', { since: '2024-08-10' })).total).toBe(3);
});

test('history:get and history:compare answer from the store; unknown ids are NotFound and named', async () => {
  const run = await service.handle('history:get', { runId: 'svc-03' });
  expect(run.results).toHaveLength(4);
  const comparison = await service.handle('history:compare', { runIds: ['svc-01', 'svc-11'] });
  expect(comparison.rows).toHaveLength(4);
  expect(comparison.rows[0].cells[1]!.relativePct).toBeCloseTo(100, 6);
  await expect(service.handle('history:get', { runId: 'missing-run' })).rejects.toThrow(NotFoundError);
  await expect(service.handle('history:compare', { runIds: ['svc-01', 'gone-a'] })).rejects.toThrow(
    'unknown run id: gone-a',
  );
});

test('history:export makes a bundle that history:import on another database takes once', async () => {
  const exported = await service.handle('history:export', { runIds: ['svc-01', 'svc-02'] });
  expect(exported.fileName).toMatch(/^cbench-2-runs-\d{4}-\d{2}-\d{2}\.json$/);
  expect(await other.handle('history:import', { json: exported.json, name: exported.fileName })).toEqual({
    imported: 2,
    skipped: 0,
    runIds: ['svc-01', 'svc-02'],
  });
  expect((await other.handle('history:import', { json: exported.json })).skipped).toBe(2);
  await expect(other.handle('history:import', { json: '{"format":"x"}', name: 'evil.json' })).rejects.toThrow(
    'cannot import evil.json: it is not a Concurrency Bench bundle',
  );
});

test('history:delete removes runs, all or none', async () => {
  await expect(service.handle('history:delete', { runIds: ['svc-12', 'nope-1'] })).rejects.toThrow(
    'unknown run id: nope-1',
  );
  expect(await service.handle('history:delete', { runIds: ['svc-12'] })).toEqual({ deleted: 1 });
  expect((await service.handle('history:list', {})).total).toBe(11);
});

test('machine:setLabel is remembered by machine:info', async () => {
  const labelled = await service.handle('machine:setLabel', { label: '  Lab VM  ' });
  expect(labelled.label).toBe('Lab VM');
  const info = await service.handle('machine:info', undefined);
  expect(info.label).toBe('Lab VM');
  expect(info.fingerprint).toBe(labelled.fingerprint);
});
