import { createHash } from 'node:crypto';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { createRecorder, DatabaseFileError, openStore } from '../../src/engine/store/index.js';
import { machine, runEvents, tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A healthy, checkpointed history with many pages, so damage can land in the middle of it. */
function populated(name: string): string {
  const file = path.join(temp.dir, name);
  const store = openStore(file);
  const record = createRecorder(store, machine(), '0.1.0');
  for (let i = 0; i < 40; i++) {
    for (const e of runEvents(`run-${i}`, new Date(Date.UTC(2024, 0, 1 + i)).toISOString())) record(e);
  }
  store.close();
  return file;
}

function expectRefused(file: string, why: RegExp): void {
  const before = hash(file);
  let caught: unknown;
  try {
    openStore(file).close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DatabaseFileError);
  expect((caught as Error).message).toContain(file);
  expect((caught as Error).message).toMatch(why);
  expect((caught as Error).message).toContain('left untouched');
  expect(hash(file)).toBe(before);
  expect(existsSync(`${file}-wal`)).toBe(false);
  expect(existsSync(`${file}-shm`)).toBe(false);
}

test('a text file is refused as not SQLite', () => {
  const file = path.join(temp.dir, 'notes.sqlite');
  writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
  expectRefused(file, /not an SQLite database/);
});

test('an empty file is refused rather than turned into a new history', () => {
  const file = path.join(temp.dir, 'empty.sqlite');
  writeFileSync(file, '');
  expectRefused(file, /empty/);
});

test('a truncated history is refused', () => {
  const file = populated('truncated.sqlite');
  const size = readFileSync(file).length;
  truncateSync(file, Math.floor(size / 2));
  expectRefused(file, /truncated/);
});

test('a history with garbage written over its pages is refused as corrupt', () => {
  const file = populated('corrupt.sqlite');
  const bytes = readFileSync(file);
  // Keep the header and the schema page; smash a stretch of data and index pages.
  for (let i = 8192; i < bytes.length - 4096; i += 4096) bytes.fill(0x5a, i, i + 600);
  writeFileSync(file, bytes);
  expectRefused(file, /corrupt|malformed|SQLite cannot read/);
});

test("another application's SQLite database is refused, not migrated", () => {
  const file = path.join(temp.dir, 'other.sqlite');
  const db = new BetterSqlite3(file);
  db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
  db.close();
  expectRefused(file, /another application/);
});
