import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../src/engine/store/migrations.js';
import { openStore } from '../../src/engine/store/index.js';
import { tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

test('a new database is created in WAL mode at the current schema version, marked as ours', () => {
  const file = path.join(temp.dir, 'nested', 'dir', 'history.sqlite');
  const store = openStore(file);
  try {
    expect(store.file).toBe(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(['machines', 'results', 'run_specs', 'runs', 'samples']);
  } finally {
    store.close();
  }
  // Reopening an existing, healthy file works and changes nothing about its version.
  const again = openStore(file);
  expect(again.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  again.close();
});
