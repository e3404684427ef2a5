// Runs, their results and every repetition's samples and digests. A run is written as it progresses:
// each result is its own transaction, so whatever finished before a crash is on disk.
import type {
  HistoryFilter,
  HistoryPage,
  RunRecord,
  RunSummary,
  StoredMachine,
} from '../../shared/history.js';
import type { ModelResult, RunStatus, SuiteSpec } from '../../shared/results.js';
import { runKindOf } from '../../shared/scaling.js';
import { BadRequestError, NotFoundError } from '../service.js';
import { resultKey, type BeginRun } from './history-backend.js';
import { rowToMachine } from './machines.js';
import { escapeLike, listWhere } from './run-filter.js';
import {
  LIST_COLUMNS,
  listRowToSummary,
  rowToSummary,
  rowsToResults,
  SUMMARY_COLUMNS,
  type ListRow,
  type ResultRow,
  type RunRow,
  type SampleRow,
} from './run-rows.js';
import type { SqliteDatabase } from './native.js';

function unknownIds(ids: string[]): NotFoundError {
  return new NotFoundError(`unknown run id${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}`);
}

export class Runs {
  private readonly insertRun;
  private readonly insertSpec;
  private readonly insertResult;
  private readonly insertSample;
  private readonly bumpCounts;
  private readonly countOf;
  private readonly finish;
  private readonly summaryById;
  private readonly resultsOf;
  private readonly samplesOf;
  private readonly specOf;
  private readonly exists;
  private readonly byPrefix;
  private readonly resultKeys;
  private readonly deleteRun;
  private readonly running;

  constructor(private readonly db: SqliteDatabase) {
    // Positional parameters throughout: binding by name costs a lookup per value, which shows on imports.
    this.insertRun = db.prepare(
      `INSERT INTO runs (id, suite, status, started_at, ended_at, machine_id, app_version, node_version,
         electron_version, v8_version, workloads, models, noise, pid, hostname, kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertSpec = db.prepare('INSERT INTO run_specs (run_id, spec) VALUES (?, ?)');
    this.insertResult = db.prepare(
      `INSERT INTO results (run_id, seq, case_id, workload, model, workers, status, reason, params, summary,
         median_ms, startup_ms, warnings, expected)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertSample = db.prepare(
      `INSERT INTO samples (result_id, rep, wall_ms, digest, verified, verify_reason, data)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.bumpCounts = db.prepare(
      'UPDATE runs SET result_count = result_count + ?, failed_count = failed_count + ? WHERE id = ?',
    );
    this.countOf = db.prepare<[string], { result_count: number }>(
      'SELECT result_count FROM runs WHERE id = ?',
    );
    this.finish = db.prepare('UPDATE runs SET status = ?, ended_at = ? WHERE id = ?');
    this.summaryById = db.prepare<[string], RunRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM runs r JOIN machines m ON m.id = r.machine_id WHERE r.id = ?`,
    );
    this.resultsOf = db.prepare<[string], ResultRow>('SELECT * FROM results WHERE run_id = ? ORDER BY seq');
    this.samplesOf = db.prepare<[string], SampleRow>(
      `SELECT s.* FROM samples s JOIN results x ON x.id = s.result_id WHERE x.run_id = ?
       ORDER BY s.result_id, s.rep`,
    );
    this.specOf = db.prepare<[string], { spec: string }>('SELECT spec FROM run_specs WHERE run_id = ?');
    this.exists = db.prepare<[string], { id: string }>('SELECT id FROM runs WHERE id = ?');
    this.byPrefix = db.prepare<[string], { id: string }>(
      "SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2",
    );
    this.resultKeys = db.prepare<[string], { case_id: string; model: string }>(
      'SELECT case_id, model FROM results WHERE run_id = ?',
    );
    this.deleteRun = db.prepare('DELETE FROM runs WHERE id = ?');
    this.running = db.prepare<[], { id: string; pid: number | null; hostname: string | null }>(
      "SELECT id, pid, hostname FROM runs WHERE status = 'running'",
    );
  }

  has(runId: string): boolean {
    return this.exists.get(runId) !== undefined;
  }

  begin(run: BeginRun): void {
    this.insertRun.run(
      run.runId,
      run.spec.suite,
      run.status ?? 'running',
      run.startedAt,
      run.endedAt ?? null,
      run.machineId,
      run.appVersion,
      run.nodeVersion,
      run.electronVersion,
      run.v8Version,
      [...new Set(run.spec.cases.map((c) => c.params.workload))].join(','),
      run.spec.models.join(','),
      JSON.stringify(run.noise),
      run.pid,
      run.hostname,
      runKindOf(run.spec),
    );
    this.insertSpec.run(run.runId, JSON.stringify(run.spec));
  }

  /** Inserts results with their samples after those already stored; the caller decides the transaction. */
  addResultsUnsafe(runId: string, results: ModelResult[]): void {
    const first = this.countOf.get(runId)?.result_count ?? 0;
    let failed = 0;
    results.forEach((result, i) => {
      this.insertOne(runId, first + i, result);
      if (result.status !== 'ok') failed++;
    });
    this.bumpCounts.run(results.length, failed, runId);
  }

  private insertOne(runId: string, seq: number, result: ModelResult): void {
    const { lastInsertRowid } = this.insertResult.run(
      runId,
      seq,
      result.caseId,
      result.workload,
      result.model,
      result.workers,
      result.status,
      result.reason ?? null,
      JSON.stringify(result.params),
      result.summary ? JSON.stringify(result.summary) : null,
      result.summary?.medianMs ?? null,
      result.startupMs ?? null,
      JSON.stringify(result.warnings),
      result.expected ? JSON.stringify(result.expected) : null,
    );
    for (const sample of result.samples) {
      const { rep, wallMs, digest, verification, ...rest } = sample;
      this.insertSample.run(
        lastInsertRowid,
        rep,
        wallMs,
        JSON.stringify(digest),
        verification.ok ? 1 : 0,
        verification.reason ?? null,
        JSON.stringify(rest),
      );
    }
  }

  /** Commits one result (and its samples) as soon as it exists. */
  addResult(runId: string, result: ModelResult): void {
    if (!this.has(runId)) throw unknownIds([runId]);
    this.db.transaction(() => this.addResultsUnsafe(runId, [result]))();
  }

  /** (case, model) pairs already stored for a run, as resultKey names them. */
  storedKeys(runId: string): Set<string> {
    return new Set(this.resultKeys.all(runId).map((r) => resultKey({ caseId: r.case_id, model: r.model })));
  }

  finishRun(runId: string, status: RunStatus, endedAt: string | null): void {
    const { changes } = this.finish.run(status, endedAt, runId);
    if (changes === 0) throw unknownIds([runId]);
  }

  /** Runs left 'running' by a process of this host that no longer exists become 'interrupted'. */
  markOrphansInterrupted(hostname: string, isAlive: (pid: number) => boolean): string[] {
    const orphans = this.running
      .all()
      .filter((r) => r.hostname === hostname && r.pid !== null && !isAlive(r.pid))
      .map((r) => r.id);
    // The end time of a killed run is unknown: ended_at stays null and the status says why.
    for (const id of orphans) this.finish.run('interrupted', null, id);
    return orphans;
  }

  list(filter: HistoryFilter = {}): HistoryPage {
    const { whereSql, params } = listWhere(filter);
    const from = `FROM runs r JOIN machines m ON m.id = r.machine_id ${whereSql}`;
    const total = (this.db.prepare(`SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
    const limit = filter.limit ?? -1;
    const offset = filter.offset ?? 0;
    const rows = this.db
      .prepare<Record<string, string | number>, ListRow>(
        `SELECT ${LIST_COLUMNS} ${from} ORDER BY r.started_at DESC, r.id DESC LIMIT @limit OFFSET @offset`,
      )
      .raw()
      .all({ ...params, limit, offset }) as ListRow[];
    return { total, runs: rows.map(listRowToSummary) };
  }

  summary(runId: string): RunSummary {
    const row = this.summaryById.get(runId);
    if (!row) throw unknownIds([runId]);
    return rowToSummary(row);
  }

  /** Resolves a full id or a unique prefix of one (at least 4 characters); throws naming the id. */
  resolve(idOrPrefix: string): string {
    if (this.has(idOrPrefix)) return idOrPrefix;
    if (idOrPrefix.length >= 4) {
      const matches = this.byPrefix.all(`${escapeLike(idOrPrefix)}%`);
      if (matches.length === 1) return matches[0].id;
      if (matches.length > 1) throw new BadRequestError(`run id prefix "${idOrPrefix}" is ambiguous`);
    }
    throw unknownIds([idOrPrefix]);
  }

  /** Throws one error naming every id that is not stored. */
  requireAll(ids: string[]): void {
    const missing = ids.filter((id) => !this.has(id));
    if (missing.length) throw unknownIds(missing);
  }

  get(runId: string): RunRecord {
    const row = this.summaryById.get(runId);
    if (!row) throw unknownIds([runId]);
    const spec = JSON.parse(this.specOf.get(runId)!.spec) as SuiteSpec;
    const machineRow = this.db.prepare('SELECT * FROM machines WHERE id = ?').get(row.machine_id);
    const stored = rowToMachine(machineRow as Parameters<typeof rowToMachine>[0]);
    // The machine row holds the latest runtime seen; the run keeps the one it actually ran under.
    const machine: StoredMachine = {
      ...stored,
      runtime: {
        ...stored.runtime,
        node: row.node_version,
        v8: row.v8_version ?? stored.runtime.v8,
        electron: row.electron_version,
      },
      noise: JSON.parse(row.noise) as string[],
    };
    const results = rowsToResults(this.resultsOf.all(runId), this.samplesOf.all(runId));
    return { ...rowToSummary(row), spec, machine, results };
  }

  /** v8 version and noise as recorded on the run (kept in bundles). */
  extras(runId: string): { v8Version: string | null; noise: string[] } {
    const row = this.summaryById.get(runId);
    if (!row) throw unknownIds([runId]);
    return { v8Version: row.v8_version, noise: JSON.parse(row.noise) as string[] };
  }

  /** Deletes the runs (all or none: an unknown id is named and nothing is deleted). */
  delete(ids: string[]): number {
    return this.db.transaction(() => {
      this.requireAll(ids);
      let deleted = 0;
      for (const id of new Set(ids)) deleted += this.deleteRun.run(id).changes;
      return deleted;
    })();
  }
}
