import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Bundle } from '../../src/shared/history.js';
import { BundleError, createRecorder, openStore, type Store } from '../../src/engine/store/index.js';
import { machine, runEvents, tempDir } from './fixtures.js';

const temp = tempDir();
let source: Store;
let target: Store;
let bundle: Bundle;

beforeAll(() => {
  source = openStore(path.join(temp.dir, 'source.sqlite'));
  const record = createRecorder(source, machine({}, 'abcabcabcabcabcabcabcabcabcabcab'), '0.1.0');
  for (const id of ['b-1', 'b-2', 'b-3'])
    for (const e of runEvents(id, '2024-04-01T00:00:00.000Z')) record(e);
  bundle = source.exportBundle(['b-1', 'b-2', 'b-3'], '0.1.0');
  target = openStore(path.join(temp.dir, 'target.sqlite'));
});
afterAll(() => {
  source.close();
  target.close();
  temp.cleanup();
});

function expectRejected(json: string, why: string | RegExp): void {
  let caught: unknown;
  try {
    target.importBundle(json, 'runs.json');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BundleError);
  expect((caught as Error).message).toContain('cannot import runs.json');
  expect((caught as Error).message).toMatch(why);
  expect(target.listRuns().total).toBe(0);
  expect((target.db.prepare('SELECT count(*) AS n FROM machines').get() as { n: number }).n).toBe(0);
}

test('malformed JSON is rejected with the parser reason', () => {
  expectRejected('{"format": "concurrency-bench/bundle", ', /not valid JSON/);
});

test('a truncated bundle is rejected', () => {
  const json = JSON.stringify(bundle);
  expectRejected(json.slice(0, Math.floor(json.length * 0.7)), /not valid JSON/);
});

test('a bundle of another version is rejected naming both versions', () => {
  expectRejected(
    JSON.stringify({ ...bundle, version: 2 }),
    'bundle version 2 is not supported (this build reads version 1)',
  );
});

test('a JSON file that is not a bundle is rejected', () => {
  expectRejected(JSON.stringify({ hello: 'world' }), /not a Concurrency Bench bundle/);
});

test('one bad field deep in the last run rejects the whole bundle, naming where', () => {
  const broken = structuredClone(bundle);
  (broken.runs[2].results[1].samples[0] as unknown as { wallMs: string }).wallMs = 'fast';
  expectRejected(JSON.stringify(broken), /runs\[2\]\.results\[1\]\.samples\[0\]\.wallMs/);
});

test('a run naming a machine the bundle lacks is rejected', () => {
  const broken = structuredClone(bundle);
  broken.runs[1].machineFingerprint = 'deaddeaddeaddeaddeaddeaddeaddead';
  expectRejected(JSON.stringify(broken), /names machine deaddead/);
});

test('a run id that could not be a run id is rejected', () => {
  const broken = structuredClone(bundle);
  broken.runs[0].id = '../../etc/passwd';
  expectRejected(JSON.stringify(broken), /runs\[0\]\.id/);
});
