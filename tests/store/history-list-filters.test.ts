import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createRecorder, openStore, type Store } from '../../src/engine/store/index.js';
import { BadRequestError } from '../../src/engine/service.js';
import { machine, runEvents, tempDir } from './fixtures.js';

const temp = tempDir();
let store: Store;

beforeAll(() => {
  store = openStore(path.join(temp.dir, 'history.sqlite'));
  const laptop = createRecorder(store, machine({}, '11111111aaaaaaaa11111111aaaaaaaa'), '0.1.0');
  const server = createRecorder(store, machine({}, '22222222bbbbbbbb22222222bbbbbbbb'), '0.1.0');
  for (let day = 1; day <= 6; day++) {
    const record = day % 2 ? laptop : server;
    for (const e of runEvents(`run-${day}`, `2024-05-0${day}T12:00:00.000Z`)) record(e);
  }
  store.setMachineLabel(machine({}, '22222222bbbbbbbb22222222bbbbbbbb'), 'Build Server');
});
afterAll(() => {
  store.close();
  temp.cleanup();
});

test('runs are listed newest first with the total', () => {
  const page = store.listRuns();
  expect(page.total).toBe(6);
  expect(page.runs.map((r) => r.id)).toEqual(['run-6', 'run-5', 'run-4', 'run-3', 'run-2', 'run-1']);
  expect(page.runs[0].workloads).toEqual(['primes', 'matrix']);
  expect(page.runs[0].models).toEqual(['sequential', 'worker-threads']);
});

test('pages keep the total of the whole match', () => {
  const page = store.listRuns({ limit: 2, offset: 2 });
  expect(page.total).toBe(6);
  expect(page.runs.map((r) => r.id)).toEqual(['run-4', 'run-3']);
});

test('machine filter matches a label substring, a fingerprint prefix or an id', () => {
  expect(store.listRuns({ machine: 'build' }).runs.map((r) => r.id)).toEqual(['run-6', 'run-4', 'run-2']);
  expect(store.listRuns({ machine: '1111' }).runs.map((r) => r.id)).toEqual(['run-5', 'run-3', 'run-1']);
  const serverId = store.listRuns({ machine: 'Build Server' }).runs[0].machineId;
  expect(store.listRuns({ machine: String(serverId) }).total).toBe(3);
  expect(store.listRuns({ machine: '%' }).total).toBe(0);
});

test('since and suite narrow the list; a bad date is named', () => {
  expect(store.listRuns({ since: '2024-05-04' }).runs.map((r) => r.id)).toEqual(['run-6', 'run-5', 'run-4']);
  expect(store.listRuns({ since: '2024-05-04T12:00:01Z' }).total).toBe(2);
  expect(store.listRuns({ suite: 'article' }).total).toBe(0);
  expect(store.listRuns({ suite: 'quick', machine: 'build', since: '2024-05-03' }).total).toBe(2);
  expect(() => store.listRuns({ since: 'last tuesday' })).toThrow(BadRequestError);
  expect(() => store.listRuns({ since: 'last tuesday' })).toThrow('"last tuesday"');
});
