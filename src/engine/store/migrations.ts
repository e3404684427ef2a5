// Schema migrations keyed by SQLite's `user_version`. Each step is applied once, in order, inside one
// transaction; a database stamped with a newer version than this build knows is refused, never touched.
import type { SqliteDatabase } from './native.js';

/** Marks the file as ours (PRAGMA application_id), so a foreign SQLite file is refused rather than altered. */
export const APPLICATION_ID = 0x43624e63; // "CbNc"

/** The first schema, kept verbatim so tests can build a version-1 database and migrate it. */
export const SCHEMA_V1 = `
CREATE TABLE machines (
  id          INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  label       TEXT,
  cpu_brand   TEXT,
  info        TEXT NOT NULL,
  first_seen  TEXT NOT NULL,
  last_seen   TEXT NOT NULL
);
CREATE TABLE runs (
  id               TEXT PRIMARY KEY,
  suite            TEXT NOT NULL,
  status           TEXT NOT NULL,
  started_at       TEXT NOT NULL,
  ended_at         TEXT,
  machine_id       INTEGER NOT NULL REFERENCES machines(id),
  app_version      TEXT NOT NULL,
  node_version     TEXT NOT NULL,
  electron_version TEXT,
  spec             TEXT NOT NULL,
  workloads        TEXT NOT NULL,
  models           TEXT NOT NULL,
  result_count     INTEGER NOT NULL DEFAULT 0,
  failed_count     INTEGER NOT NULL DEFAULT 0,
  pid              INTEGER,
  hostname         TEXT
);
CREATE TABLE results (
  id        INTEGER PRIMARY KEY,
  run_id    TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  case_id   TEXT NOT NULL,
  workload  TEXT NOT NULL,
  model     TEXT NOT NULL,
  workers   INTEGER NOT NULL,
  status    TEXT NOT NULL,
  reason    TEXT,
  params    TEXT NOT NULL,
  summary   TEXT,
  median_ms REAL,
  startup_ms REAL,
  warnings  TEXT NOT NULL,
  expected  TEXT,
  UNIQUE (run_id, case_id, model)
);
CREATE TABLE samples (
  result_id       INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
  rep             INTEGER NOT NULL,
  wall_ms         REAL NOT NULL,
  digest          TEXT NOT NULL,
  verified        INTEGER NOT NULL,
  verify_reason   TEXT,
  data            TEXT NOT NULL,
  PRIMARY KEY (result_id, rep)
);
`;

/**
 * Version 2: the runtime and noise seen by each run are kept on the run (the machine row only holds the
 * latest); the suite spec (a kilobyte or more of JSON per run) moves out of the runs rows, so listing
 * reads narrow rows (about 3 MB rather than 20 MB for 10,000 runs); the list/filter paths get indexes.
 */
const SCHEMA_V2 = `
CREATE TABLE run_specs (
  run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  spec   TEXT NOT NULL
);
INSERT INTO run_specs (run_id, spec) SELECT id, spec FROM runs;
ALTER TABLE runs DROP COLUMN spec;
ALTER TABLE runs ADD COLUMN v8_version TEXT;
ALTER TABLE runs ADD COLUMN noise TEXT NOT NULL DEFAULT '[]';
CREATE INDEX runs_started ON runs(started_at DESC, id DESC);
CREATE INDEX runs_machine ON runs(machine_id, started_at DESC);
CREATE INDEX runs_suite ON runs(suite, started_at DESC);
CREATE INDEX runs_status ON runs(status);
`;

/**
 * Version 3: runs have a kind -- a suite, a scaling sweep or a break-even search (src/shared/scaling.ts).
 * Every run stored before is a suite; sweeps and searches keep their plan in the spec, the kind is a
 * column so the history can be listed and filtered by it without reading specs.
 */
const SCHEMA_V3 = `
ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'suite';
CREATE INDEX runs_kind ON runs(kind, started_at DESC);
`;

/** Migration steps; index i moves the schema from version i to i + 1. */
export const MIGRATIONS: readonly string[] = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Applies every step above the file's version, in one transaction; returns the version it started from. */
export function migrate(db: SqliteDatabase, target = SCHEMA_VERSION): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) {
    throw new Error(`database schema version ${from} is newer than this build supports (${SCHEMA_VERSION})`);
  }
  if (from >= target) return from;
  db.transaction(() => {
    for (let version = from; version < target; version++) db.exec(MIGRATIONS[version]);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${target}`);
  })();
  return from;
}
