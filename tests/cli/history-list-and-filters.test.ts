import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HistoryPage } from '../../src/shared/history.js';
import { machine, tempDir } from '../store/fixtures.js';
import { cbench, seedHistory } from './history-helpers.js';

const temp = tempDir('cbench-cli-history-');
const db = path.join(temp.dir, 'h.sqlite');
beforeAll(() => {
  seedHistory(db, ['aaaa0001', 'aaaa0002', 'aaaa0003']);
  seedHistory(db, ['bbbb0001'], machine({}, 'cafecafecafecafecafecafecafecafe'));
});
afterAll(() => temp.cleanup());

test('cbench history lists runs newest first, as a table or JSON, with filters', async () => {
  const table = await cbench(['history', '--db', db]);
  expect(table.code).toBe(0);
  const order = ['aaaa0003', 'aaaa0002', 'aaaa0001'].map((id) => table.stdout.indexOf(id));
  expect(order.every((i) => i > 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));

  const json = await cbench(['history', '--json', '--machine', 'cafe'], { CBENCH_DB: db });
  expect(json.code).toBe(0);
  const page = JSON.parse(json.stdout) as HistoryPage;
  expect(page.total).toBe(1);
  expect(page.runs[0].id).toBe('bbbb0001');

  const since = JSON.parse(
    (await cbench(['history', '--json', '--since', '2024-09-02', '--db', db])).stdout,
  ) as HistoryPage;
  expect(since.runs.map((r) => r.id)).toEqual(['aaaa0003', 'aaaa0002']);
  const limited = await cbench(['history', '--limit', '1', '--db', db]);
  expect(limited.stdout).toContain('1 of 4 runs');
});

test('bad filters are usage errors naming the flag', async () => {
  const since = await cbench(['history', '--since', 'soon', '--db', db]);
  expect(since.code).toBe(2);
  expect(since.stderr).toContain('"soon" is not an ISO date');
  const suite = await cbench(['history', '--suite', 'huge', '--db', db]);
  expect(suite.code).toBe(2);
  expect(suite.stderr).toContain("'huge'");
});

test('a damaged --db is refused with the file named and left alone', async () => {
  const notes = path.join(temp.dir, 'notes.txt');
  const { writeFileSync, readFileSync } = await import('node:fs');
  writeFileSync(notes, 'shopping list\n'.repeat(100));
  const result = await cbench(['history', '--db', notes]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`--db: cannot use history database ${notes}: it is not an SQLite database`);
  expect(readFileSync(notes, 'utf8')).toBe('shopping list\n'.repeat(100));
});
