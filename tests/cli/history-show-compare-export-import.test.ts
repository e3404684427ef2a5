import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Bundle, Comparison, RunReport } from '../../src/shared/history.js';
import { tempDir } from '../store/fixtures.js';
import { cbench, seedHistory } from './history-helpers.js';

const temp = tempDir('cbench-cli-show-');
const db = path.join(temp.dir, 'h.sqlite');
beforeAll(() => seedHistory(db, ['show-run-1', 'show-run-2'], undefined, 1));
afterAll(() => temp.cleanup());

test('cbench show prints one run as a table, JSON, CSV or Markdown; unknown ids are named', async () => {
  const table = await cbench(['show', 'show-run-1', '--db', db]);
  expect(table.code).toBe(0);
  expect(table.stdout).toContain('Run show-run-1');
  expect(table.stdout).toContain('worker-threads');
  const json = JSON.parse((await cbench(['show', 'show-run-1', '--json', '--db', db])).stdout) as RunReport;
  expect(json.runId).toBe('show-run-1');
  expect(json.results).toHaveLength(4);
  const csv = (await cbench(['show', 'show-run-1', '--csv', '--db', db])).stdout.trim().split('\r\n');
  expect(csv).toHaveLength(5);
  expect((await cbench(['show', 'show-run-1', '--markdown', '--db', db])).stdout).toContain(
    '| Test | sequential | worker-threads |',
  );
  const unknown = await cbench(['show', 'no-such-run', '--db', db]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('unknown run id: no-such-run');
});

test('cbench compare sets runs side by side with relative change and the test used', async () => {
  const text = await cbench(['compare', 'show-run-1', 'show-run-2', '--db', db]);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain('+100.0%');
  expect(text.stdout).toContain('not enough repetitions (3 vs 3: smallest possible p is 0.100)');
  const json = JSON.parse(
    (await cbench(['compare', 'show-run-1', 'show-run-2', '--json', '--db', db])).stdout,
  ) as Comparison;
  expect(json.rows[0].cells[1]!.relativePct).toBeCloseTo(100, 6);
  const unknown = await cbench(['compare', 'show-run-1', 'gone-1', 'gone-2', '--db', db]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('unknown run id: gone-1');
});

test('cbench export writes a bundle; cbench import takes it once, and rejects a broken one whole', async () => {
  const out = path.join(temp.dir, 'runs.json');
  const exported = await cbench(['export', 'show-run-1', 'show-run-2', '--out', out, '--db', db]);
  expect(exported.code).toBe(0);
  const bundle = JSON.parse(readFileSync(out, 'utf8')) as Bundle;
  expect(bundle.runs.map((r) => r.id)).toEqual(['show-run-1', 'show-run-2']);

  const other = path.join(temp.dir, 'other.sqlite');
  const first = await cbench(['import', out, '--db', other]);
  expect(first.stdout).toContain('imported 2 runs, skipped 0');
  const second = await cbench(['import', out, '--db', other]);
  expect(second.stdout).toContain('imported 0 runs, skipped 2');

  const broken = path.join(temp.dir, 'broken.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(broken, readFileSync(out, 'utf8').slice(0, 500));
  const third = path.join(temp.dir, 'third.sqlite');
  // A good file and a broken one: nothing at all is imported.
  const rejected = await cbench(['import', out, broken, '--db', third]);
  expect(rejected.code).toBe(2);
  expect(rejected.stderr).toContain(`cannot import ${broken}: it is not valid JSON`);
  const list = await cbench(['history', '--json', '--db', third]);
  expect(JSON.parse(list.stdout).total).toBe(0);
});

test('cbench machine prints what would be recorded and --label names the machine', async () => {
  const labelled = await cbench(['machine', '--label', 'CI runner', '--json', '--db', db]);
  expect(labelled.code).toBe(0);
  expect(JSON.parse(labelled.stdout).label).toBe('CI runner');
  const plain = await cbench(['machine', '--db', db]);
  expect(plain.stdout).toMatch(/Label\s+CI runner/);
  expect(plain.stdout).toMatch(/Fingerprint\s+[0-9a-f]{32}/);
});
