import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from '../../src/engine/store/migrations.js';
import { openStore } from '../../src/engine/store/index.js';
import { machine, spec, tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

test('a version-2 database gains run kinds: every existing run is a suite, and nothing is lost', () => {
  const file = path.join(temp.dir, 'v2.sqlite');
  const v2 = new BetterSqlite3(file);
  v2.pragma('journal_mode = WAL');
  v2.exec(MIGRATIONS[0]);
  v2.exec(MIGRATIONS[1]);
  v2.pragma(`application_id = ${APPLICATION_ID}`);
  v2.pragma('user_version = 2');
  const m = machine();
  v2.prepare(
    `INSERT INTO machines (fingerprint, label, cpu_brand, info, first_seen, last_seen) VALUES (?, NULL, ?, ?, ?, ?)`,
  ).run(
    m.fingerprint,
    m.cpu.brand,
    JSON.stringify(m),
    '2024-01-01T00:00:00.000Z',
    '2024-01-01T00:00:00.000Z',
  );
  for (const id of ['v2-a', 'v2-b']) {
    v2.prepare(
      `INSERT INTO runs (id, suite, status, started_at, ended_at, machine_id, app_version, node_version,
         electron_version, workloads, models, result_count, failed_count, pid, hostname, v8_version, noise)
       VALUES (?, 'quick', 'completed', '2024-01-01T00:00:00.000Z', NULL, 1, '0.1.0', '20.20.0', NULL,
         'primes', 'sequential', 0, 0, NULL, NULL, '11.3', '[]')`,
    ).run(id);
    v2.prepare('INSERT INTO run_specs (run_id, spec) VALUES (?, ?)').run(id, JSON.stringify(spec()));
  }
  v2.close();

  expect(SCHEMA_VERSION).toBe(3);
  const store = openStore(file);
  try {
    expect(store.db.pragma('user_version', { simple: true })).toBe(3);
    const page = store.listRuns();
    expect(page.runs.map((r) => [r.id, r.kind]).sort()).toEqual([
      ['v2-a', 'suite'],
      ['v2-b', 'suite'],
    ]);
    expect(store.getRun('v2-a').spec).toEqual(spec());
    expect(store.listRuns({ kind: 'sweep' }).total).toBe(0);
    expect(store.listRuns({ kind: 'suite' }).total).toBe(2);
  } finally {
    store.close();
  }
});
