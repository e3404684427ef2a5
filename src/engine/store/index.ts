// The run history: one SQLite file shared by `cbench` and the desktop app.
import os from 'node:os';
import path from 'node:path';
import envPaths from 'env-paths';
import type {
  Bundle,
  HistoryFilter,
  HistoryPage,
  ImportReport,
  MachineInfo,
  RunRecord,
  RunSummary,
  StoredMachine,
} from '../../shared/history.js';
import type { ModelResult, RunStatus } from '../../shared/results.js';
import { importBundleText } from './bundle-import.js';
import { buildBundle } from './bundle-export.js';
import { openDatabase, type OpenOptions } from './db.js';
import type { BeginRun, HistoryBackend } from './history-backend.js';
import { Machines } from './machines.js';
import type { SqliteDatabase } from './native.js';
import { Runs } from './runs.js';

export { DatabaseFileError } from './db.js';
export { BundleError, parseBundle } from './bundle-check.js';
export { createRecorder, type Recorder } from './recorder.js';
export type { BeginRun, HistoryBackend } from './history-backend.js';

/** Environment variable that overrides the database location (after an explicit --db). */
export const DB_ENV = 'CBENCH_DB';

/** The database path: $CBENCH_DB if set, else history.sqlite in the platform's user data directory. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[DB_ENV];
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(envPaths('concurrency-bench', { suffix: '' }).data, 'history.sqlite');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The history on disk; the same calls as the in-memory SessionHistory (HistoryBackend). */
export class Store implements HistoryBackend {
  readonly machines: Machines;
  readonly runs: Runs;
  /** Runs found 'running' at open whose recording process had died; now 'interrupted'. */
  readonly recovered: string[];

  constructor(
    readonly db: SqliteDatabase,
    readonly file: string,
  ) {
    this.machines = new Machines(db);
    this.runs = new Runs(db);
    this.recovered = this.runs.markOrphansInterrupted(os.hostname(), isAlive);
  }

  /** Stores (or refreshes) a machine, keeping its label. */
  upsertMachine(info: MachineInfo, now = new Date().toISOString()): StoredMachine {
    return this.machines.upsert(info, now);
  }

  /** Sets the label of a machine, recording it first if it is new; an empty label clears it. */
  setMachineLabel(info: MachineInfo, label: string | null): StoredMachine {
    const machine = this.upsertMachine(info);
    return this.machines.setLabel(machine.id, label === '' ? null : label);
  }

  findMachine(fingerprint: string): StoredMachine | undefined {
    return this.machines.find(fingerprint);
  }

  beginRun(run: BeginRun): void {
    this.runs.begin(run);
  }

  /** Commits one result with its samples, in its own transaction. */
  addResult(runId: string, result: ModelResult): void {
    this.runs.addResult(runId, result);
  }

  finishRun(runId: string, status: RunStatus, endedAt: string | null = new Date().toISOString()): void {
    this.runs.finishRun(runId, status, endedAt);
  }

  listRuns(filter: HistoryFilter = {}): HistoryPage {
    return this.runs.list(filter);
  }

  getSummary(runId: string): RunSummary {
    return this.runs.summary(runId);
  }

  /** One run in full; NotFoundError naming the id when absent. */
  getRun(runId: string): RunRecord {
    return this.runs.get(runId);
  }

  /** Several runs in the order asked; one NotFoundError naming every unknown id. */
  getRuns(runIds: string[]): RunRecord[] {
    this.runs.requireAll(runIds);
    return runIds.map((id) => this.runs.get(id));
  }

  /** A full id, or a unique prefix of one. */
  resolveRunId(idOrPrefix: string): string {
    return this.runs.resolve(idOrPrefix);
  }

  deleteRuns(runIds: string[]): number {
    return this.runs.delete(runIds);
  }

  exportBundle(runIds: string[], appVersion: string): Bundle {
    return buildBundle(this.runs, this.machines, runIds, appVersion, new Date().toISOString());
  }

  /** Imports a bundle's text in one transaction: all its new runs, or nothing and a BundleError naming why. */
  importBundle(json: string, source = 'bundle'): ImportReport {
    return importBundleText(this.db, this.runs, this.machines, json, source, new Date().toISOString());
  }

  /** Imports several bundles in one transaction: one bad bundle means none is imported. */
  importBundles(bundles: Array<{ json: string; source: string }>): ImportReport[] {
    return this.db.transaction(() => bundles.map(({ json, source }) => this.importBundle(json, source)))();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens the history at `file` (default: defaultDbPath()), creating or migrating it as needed. */
export function openStore(file: string = defaultDbPath(), options: OpenOptions = {}): Store {
  const absolute = path.resolve(file);
  return new Store(openDatabase(absolute, options), absolute);
}
