// Crash safety of the history: `cbench run` is killed with SIGKILL at ten seeded moments of a long run (from
// just after the run row exists to mid-way through the results), all into one database file. After each
// kill the file opens, passes PRAGMA integrity_check, still holds every result that was committed before
// the kill (read from the file just before it), and shows the killed run as interrupted.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { seededRng } from '../../src/engine/random.js';
import { openStore } from '../../src/engine/store/index.js';
import { startCli, tempDir } from './run-helpers.js';

const SEED = 13;
const KILLS = 10;
// Thread-based models only: a SIGKILLed parent cannot take its forked children down with it.
const LONG_RUN = [
  'run',
  '--suite',
  'custom',
  '--workloads',
  'primes,matrix',
  '--models',
  'async,worker-threads,worker-pool,shared-memory',
  '--memo',
  'off,cold,warm',
  '--limit',
  '30000',
  '--size',
  '150',
  '--reps',
  '2',
  '--warmup',
  '0',
  '--workers',
  '2',
];

interface Committed {
  runId: string | null;
  results: string[];
}

function committed(db: string): Committed {
  if (!existsSync(db)) return { runId: null, results: [] };
  const reader = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const run = reader.prepare("SELECT id FROM runs WHERE status = 'running'").get() as
      { id: string } | undefined;
    const rows = reader.prepare('SELECT run_id, case_id, model FROM results ORDER BY id').all() as {
      run_id: string;
      case_id: string;
      model: string;
    }[];
    return { runId: run?.id ?? null, results: rows.map((r) => `${r.run_id} ${r.case_id} ${r.model}`) };
  } catch {
    // The schema is still being created by the CLI.
    return { runId: null, results: [] };
  } finally {
    reader.close();
  }
}

async function until<T>(probe: () => T | null, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test(`SIGKILL at ${KILLS} seeded moments of cbench run loses no committed result`, async () => {
  const dir = await tempDir('cbench-sigkill-');
  const db = path.join(dir, 'history.sqlite');
  const rand = seededRng(SEED);
  const report: { resultsBeforeKill: number; extraMs: number; survived: number }[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    // Where to strike: after 0-9 committed results of this run, then 0-300 ms on into whatever it is doing.
    const target = Math.floor(rand() * 10);
    const extraMs = Math.floor(rand() * 300);
    const before = committed(db).results.length;
    const { child, done } = startCli([...LONG_RUN, '--db', db, '--seed', String(kill)]);
    const runId = await until(() => {
      const now = committed(db);
      return now.runId !== null && now.results.length - before >= target ? now.runId : null;
    }, `${target} results of run ${kill}`);
    await new Promise((resolve) => setTimeout(resolve, extraMs));
    const snapshot = committed(db).results;
    child.kill('SIGKILL');
    const exit = await done;
    expect(exit.signal, exit.stderr).toBe('SIGKILL');

    const store = openStore(db);
    try {
      expect(store.recovered).toEqual([runId]);
      expect(store.getRun(runId).status).toBe('interrupted');
    } finally {
      store.close();
    }
    const reader = new Database(db, { readonly: true });
    try {
      expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reader.close();
    }
    const after = committed(db).results;
    expect(after.slice(0, snapshot.length)).toEqual(snapshot);
    report.push({ resultsBeforeKill: snapshot.length - before, extraMs, survived: after.length - before });
  }
  console.log(JSON.stringify({ seed: SEED, kills: KILLS, survived: report.length, report }));
}, 600_000);
