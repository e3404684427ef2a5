import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createRecorder, openStore, type Store } from '../../src/engine/store/index.js';
import { NotFoundError } from '../../src/engine/service.js';
import { machine, runEvents, tempDir } from './fixtures.js';

const temp = tempDir();
let store: Store;
beforeAll(() => {
  store = openStore(path.join(temp.dir, 'history.sqlite'));
  const record = createRecorder(store, machine(), '0.1.0');
  for (const id of ['abcd1111-x', 'abcd2222-y'])
    for (const e of runEvents(id, '2024-01-01T00:00:00Z')) record(e);
});
afterAll(() => {
  store.close();
  temp.cleanup();
});

test('getRun names the unknown id', () => {
  expect(() => store.getRun('nope-123')).toThrow(NotFoundError);
  expect(() => store.getRun('nope-123')).toThrow('unknown run id: nope-123');
});

test('getRuns, export and delete name every unknown id and change nothing', () => {
  expect(() => store.getRuns(['abcd1111-x', 'gone-1', 'gone-2'])).toThrow('unknown run ids: gone-1, gone-2');
  expect(() => store.exportBundle(['gone-3'], '0.1.0')).toThrow('unknown run id: gone-3');
  expect(() => store.deleteRuns(['abcd1111-x', 'gone-4'])).toThrow('unknown run id: gone-4');
  expect(store.listRuns().total).toBe(2);
});

test('a unique prefix resolves; an ambiguous or unknown one is named', () => {
  expect(store.resolveRunId('abcd1')).toBe('abcd1111-x');
  expect(() => store.resolveRunId('abcd')).toThrow('run id prefix "abcd" is ambiguous');
  expect(() => store.resolveRunId('zzzz')).toThrow('unknown run id: zzzz');
});

test('delete removes the run with its results and samples', () => {
  expect(store.deleteRuns(['abcd2222-y'])).toBe(1);
  expect(store.listRuns().total).toBe(1);
  const orphans = store.db
    .prepare('SELECT count(*) AS n FROM results WHERE run_id = ?')
    .get('abcd2222-y') as { n: number };
  expect(orphans.n).toBe(0);
  const samples = store.db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number };
  expect(samples.n).toBe(12);
});
