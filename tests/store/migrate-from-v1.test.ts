import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { APPLICATION_ID, SCHEMA_V1, SCHEMA_VERSION } from '../../src/engine/store/migrations.js';
import { openStore } from '../../src/engine/store/index.js';
import { machine, result, spec, tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

test('a database made by the first schema is migrated and keeps its runs', () => {
  const file = path.join(temp.dir, 'v1.sqlite');
  const v1 = new BetterSqlite3(file);
  v1.pragma('journal_mode = WAL');
  v1.exec(SCHEMA_V1);
  v1.pragma(`application_id = ${APPLICATION_ID}`);
  v1.pragma('user_version = 1');
  const m = machine();
  v1.prepare(
    `INSERT INTO machines (fingerprint, label, cpu_brand, info, first_seen, last_seen) VALUES (?, 'old box', ?, ?, ?, ?)`,
  ).run(
    m.fingerprint,
    m.cpu.brand,
    JSON.stringify(m),
    '2023-01-01T00:00:00.000Z',
    '2023-01-01T00:00:00.000Z',
  );
  v1.prepare(
    `INSERT INTO runs (id, suite, status, started_at, ended_at, machine_id, app_version, node_version, electron_version,
       spec, workloads, models, result_count, failed_count, pid, hostname)
     VALUES ('v1-run', 'quick', 'completed', '2023-01-01T00:00:00.000Z', '2023-01-01T00:01:00.000Z', 1, '0.0.1',
       '20.10.0', NULL, ?, 'primes,matrix', 'sequential,worker-threads', 1, 0, NULL, NULL)`,
  ).run(JSON.stringify(spec()));
  const r = result(0, 'sequential', [20, 21, 22]);
  const { lastInsertRowid } = v1
    .prepare(
      `INSERT INTO results (run_id, seq, case_id, workload, model, workers, status, reason, params, summary, median_ms,
         startup_ms, warnings, expected) VALUES ('v1-run', 0, ?, 'primes', 'sequential', 1, 'ok', NULL, ?, ?, 21, 12.5, '[]', ?)`,
    )
    .run(r.caseId, JSON.stringify(r.params), JSON.stringify(r.summary), JSON.stringify(r.expected));
  for (const s of r.samples) {
    const { rep, wallMs, digest, verification: _v, ...rest } = s;
    v1.prepare('INSERT INTO samples VALUES (?, ?, ?, ?, 1, NULL, ?)').run(
      lastInsertRowid,
      rep,
      wallMs,
      JSON.stringify(digest),
      JSON.stringify(rest),
    );
  }
  v1.close();

  const store = openStore(file);
  try {
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const run = store.getRun('v1-run');
    expect(run.machine.label).toBe('old box');
    expect(run.nodeVersion).toBe('20.10.0');
    // The spec moved to its own table on the way.
    expect(run.spec).toEqual(spec());
    // Columns added by the migration get their defaults for old rows.
    expect(run.machine.noise).toEqual([]);
    expect(run.results).toHaveLength(1);
    expect(run.results[0].samples.map((s) => s.wallMs)).toEqual([20, 21, 22]);
    expect(run.results[0].summary?.medianMs).toBe(21);
    const indexes = store.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'runs_started'")
      .all();
    expect(indexes).toHaveLength(1);
    expect(store.listRuns({ suite: 'quick' }).total).toBe(1);
  } finally {
    store.close();
  }
});
