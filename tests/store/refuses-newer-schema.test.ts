import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { SCHEMA_VERSION } from '../../src/engine/store/migrations.js';
import { DatabaseFileError, openStore } from '../../src/engine/store/index.js';
import { tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

test('a database from a newer schema is refused with both versions named, and left as it was', () => {
  const file = path.join(temp.dir, 'future.sqlite');
  openStore(file).close();
  const db = new BetterSqlite3(file);
  db.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
  db.close();
  const before = createHash('sha256').update(readFileSync(file)).digest('hex');

  expect(() => openStore(file)).toThrow(DatabaseFileError);
  expect(() => openStore(file)).toThrow(
    `schema version ${SCHEMA_VERSION + 3} is newer than this build supports (${SCHEMA_VERSION})`,
  );
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
});
