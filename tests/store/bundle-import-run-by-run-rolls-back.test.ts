// A bundle is imported run by run inside one transaction; a bad run anywhere rolls back every run before it,
// so a rejected bundle still leaves nothing behind. Texts the run-by-run reader leaves alone (an escaped
// key) import through the whole-text parse, with the same result.
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Bundle } from '../../src/shared/history.js';
import { BundleError, createRecorder, openStore, type Store } from '../../src/engine/store/index.js';
import { machine, runEvents, tempDir } from './fixtures.js';

const temp = tempDir();
let source: Store;
let bundle: Bundle;
let json: string;
let n = 0;

beforeAll(() => {
  source = openStore(path.join(temp.dir, 'source.sqlite'));
  const record = createRecorder(source, machine({}, 'cafecafecafecafecafecafecafecafe'), '0.1.0');
  for (const id of ['c-1', 'c-2', 'c-3'])
    for (const e of runEvents(id, '2024-05-01T00:00:00.000Z')) record(e);
  bundle = source.exportBundle(['c-1', 'c-2', 'c-3'], '0.1.0');
  json = JSON.stringify(bundle);
});
afterAll(() => {
  source.close();
  temp.cleanup();
});

function freshTarget(): Store {
  return openStore(path.join(temp.dir, `target-${n++}.sqlite`));
}

function rows(store: Store, table: string): number {
  return (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function rejection(store: Store, text: string): string {
  try {
    store.importBundle(text, 'c.json');
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return (error as Error).message;
  }
  throw new Error('the bundle was accepted');
}

test('broken JSON inside the last run is named as such, after the first runs were rolled back', () => {
  const target = freshTarget();
  const at = json.lastIndexOf('"wallMs":');
  const broken = `${json.slice(0, at)}"wallMs"::${json.slice(at + '"wallMs":'.length)}`;
  expect(rejection(target, broken)).toMatch(
    /cannot import c\.json: it is not valid JSON \(.+\); nothing was imported/,
  );
  for (const table of ['machines', 'runs', 'run_specs', 'results', 'samples'])
    expect(rows(target, table)).toBe(0);
  target.close();
});

test('a bad field in the last run leaves runs stored before the import as they were, and adds nothing', () => {
  const target = freshTarget();
  const first = source.exportBundle(['c-1'], '0.1.0');
  expect(target.importBundle(JSON.stringify(first))).toEqual({ imported: 1, skipped: 0, runIds: ['c-1'] });
  const before = ['runs', 'results', 'samples'].map((t) => rows(target, t));

  const broken = structuredClone(bundle);
  (broken.runs[2].results[3].samples[1].digest.values as Record<string, unknown>).count = [1];
  expect(rejection(target, JSON.stringify(broken))).toContain(
    'runs[2].results[3].samples[1].digest.values.count',
  );
  expect(['runs', 'results', 'samples'].map((t) => rows(target, t))).toEqual(before);
  expect(target.listRuns().runs.map((r) => r.id)).toEqual(['c-1']);
  target.close();
});

test('pretty-printed and escaped-key bundles import exactly as the compact one does', () => {
  const compact = freshTarget();
  const pretty = freshTarget();
  const escaped = freshTarget();
  const report = { imported: 3, skipped: 0, runIds: ['c-1', 'c-2', 'c-3'] };
  expect(compact.importBundle(json)).toEqual(report);
  expect(pretty.importBundle(JSON.stringify(bundle, null, 2))).toEqual(report);
  // "\u0072uns" is "runs": the run-by-run reader does not decode keys and leaves this text to JSON.parse.
  expect(escaped.importBundle(json.replace('"runs":', '"\\u0072uns":'))).toEqual(report);
  for (const id of ['c-1', 'c-2', 'c-3']) {
    const original = source.getRun(id);
    for (const store of [compact, pretty, escaped]) {
      const copy = store.getRun(id);
      expect(copy.results).toEqual(original.results);
      expect(copy.spec).toEqual(original.spec);
    }
  }
  for (const store of [compact, pretty, escaped]) store.close();
});

test('importing several bundles is all or nothing', () => {
  const target = freshTarget();
  const one = JSON.stringify(source.exportBundle(['c-1'], '0.1.0'));
  const two = JSON.stringify(source.exportBundle(['c-2', 'c-3'], '0.1.0'));
  expect(() =>
    target.importBundles([
      { json: one, source: 'one.json' },
      { json: two.replace('"version":1', '"version":7'), source: 'two.json' },
    ]),
  ).toThrow('cannot import two.json: bundle version 7 is not supported');
  expect(rows(target, 'runs')).toBe(0);
  expect(
    target.importBundles([
      { json: one, source: 'one.json' },
      { json: two, source: 'two.json' },
    ]),
  ).toEqual([
    { imported: 1, skipped: 0, runIds: ['c-1'] },
    { imported: 2, skipped: 0, runIds: ['c-2', 'c-3'] },
  ]);
  target.close();
});
