// Runs, their results and every repetition's samples and digests. A run is written as it progresses:
// each result is its own transaction, so whatever finished before a crash is on disk.
import type {
  HistoryFilter,
  HistoryPage,
  RunRecord,
  RunSummary,
  StoredMachine,
} from '../../shared/history.js';
import type { ModelId, ModelResult, RunStatus, Sample, SuiteSpec, WorkloadId } from '../../shared/results.js';
import { runKindOf, type RunKind } from '../../shared/scaling.js';
import { BadRequestError, NotFoundError } from '../service.js';
import { rowToMachine } from './machines.js';
import type { SqliteDatabase } from './native.js';

export interface BeginRun {
  runId: string;
  spec: SuiteSpec;
  startedAt: string;
  machineId: number;
  appVersion: string;
  nodeVersion: string;
  v8Version: string | null;
  electronVersion: string | null;
  noise: string[];
  /** The recording process, so a run left 'running' by a killed process can be recognised later. */
  pid: number | null;
  hostname: string | null;
  status?: RunStatus;
  endedAt?: string | null;
}

interface RunRow {
  id: string;
  suite: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  machine_id: number;
  app_version: string;
  node_version: string;
  electron_version: string | null;
  v8_version: string | null;
  workloads: string;
  models: string;
  result_count: number;
  failed_count: number;
  noise: string;
  label: string | null;
  fingerprint: string;
  cpu_brand: string | null;
  kind: string;
}

interface ResultRow {
  id: number;
  case_id: string;
  workload: string;
  model: string;
  workers: number;
  status: string;
  reason: string | null;
  params: string;
  summary: string | null;
  startup_ms: number | null;
  warnings: string;
  expected: string | null;
}

interface SampleRow {
  result_id: number;
  rep: number;
  wall_ms: number;
  digest: string;
  verified: number;
  verify_reason: string | null;
  data: string;
}

const SUMMARY_COLUMNS = `r.id, r.suite, r.status, r.started_at, r.ended_at, r.machine_id, r.app_version,
  r.node_version, r.electron_version, r.v8_version, r.workloads, r.models, r.result_count, r.failed_count,
  r.noise, m.label, m.fingerprint, m.cpu_brand, r.kind`;

function rowToSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    kind: row.kind as RunKind,
    suite: row.suite as RunSummary['suite'],
    status: row.status as RunStatus,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    machineId: row.machine_id,
    machineLabel: row.label,
    machineFingerprint: row.fingerprint,
    cpuBrand: row.cpu_brand,
    workloads: row.workloads ? (row.workloads.split(',') as WorkloadId[]) : [],
    models: row.models ? (row.models.split(',') as ModelId[]) : [],
    resultCount: row.result_count,
    failedCount: row.failed_count,
    appVersion: row.app_version,
    nodeVersion: row.node_version,
    electronVersion: row.electron_version,
  };
}

/** The list's columns, read as arrays (.raw()): no intermediate row objects for 10,000 runs. */
const LIST_COLUMNS = `r.id, r.suite, r.status, r.started_at, r.ended_at, r.machine_id, m.label, m.fingerprint,
  m.cpu_brand, r.workloads, r.models, r.result_count, r.failed_count, r.app_version, r.node_version,
  r.electron_version, r.kind`;
type ListRow = [
  string,
  string,
  string,
  string,
  string | null,
  number,
  string | null,
  string,
  string | null,
  string,
  string,
  number,
  number,
  string,
  string,
  string | null,
  string,
];

function listRowToSummary(r: ListRow): RunSummary {
  return {
    id: r[0],
    kind: r[16] as RunKind,
    suite: r[1] as RunSummary['suite'],
    status: r[2] as RunStatus,
    startedAt: r[3],
    endedAt: r[4],
    machineId: r[5],
    machineLabel: r[6],
    machineFingerprint: r[7],
    cpuBrand: r[8],
    workloads: r[9] ? (r[9].split(',') as WorkloadId[]) : [],
    models: r[10] ? (r[10].split(',') as ModelId[]) : [],
    resultCount: r[11],
    failedCount: r[12],
    appVersion: r[13],
    nodeVersion: r[14],
    electronVersion: r[15],
  };
}

/** Normalises a --since value to the ISO form run start times are stored in; throws naming the value. */
export function parseSince(since: string): string {
  const time = Date.parse(since);
  if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(time)) {
    throw new BadRequestError(`since: "${since}" is not an ISO date (YYYY-MM-DD or a date-time)`);
  }
  return new Date(time).toISOString();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

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

  /** (case, model) pairs already stored for a run, as "caseId\u0000model". */
  storedKeys(runId: string): Set<string> {
    return new Set(this.resultKeys.all(runId).map((r) => `${r.case_id}\u0000${r.model}`));
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
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (filter.machine !== undefined && filter.machine !== '') {
      const clauses = [
        "m.fingerprint LIKE @machinePrefix ESCAPE '\\'",
        "m.label LIKE @machineLike ESCAPE '\\'",
      ];
      params.machinePrefix = `${escapeLike(filter.machine)}%`;
      params.machineLike = `%${escapeLike(filter.machine)}%`;
      if (/^\d+$/.test(filter.machine)) {
        clauses.push('r.machine_id = @machineId');
        params.machineId = Number(filter.machine);
      }
      where.push(`(${clauses.join(' OR ')})`);
    }
    if (filter.suite !== undefined) {
      where.push('r.suite = @suite');
      params.suite = filter.suite;
    }
    if (filter.kind !== undefined) {
      where.push('r.kind = @kind');
      params.kind = filter.kind;
    }
    if (filter.since !== undefined) {
      where.push('r.started_at >= @since');
      params.since = parseSince(filter.since);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
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
    const samplesByResult = new Map<number, Sample[]>();
    for (const s of this.samplesOf.all(runId)) {
      const rest = JSON.parse(s.data) as Omit<Sample, 'rep' | 'wallMs' | 'digest' | 'verification'>;
      const sample: Sample = {
        rep: s.rep,
        wallMs: s.wall_ms,
        ...rest,
        digest: JSON.parse(s.digest) as Sample['digest'],
        verification:
          s.verify_reason === null
            ? { ok: s.verified === 1 }
            : { ok: s.verified === 1, reason: s.verify_reason },
      };
      let list = samplesByResult.get(s.result_id);
      if (!list) samplesByResult.set(s.result_id, (list = []));
      list.push(sample);
    }
    const results = this.resultsOf.all(runId).map((r): ModelResult => {
      const result: ModelResult = {
        caseId: r.case_id,
        workload: r.workload as WorkloadId,
        model: r.model as ModelId,
        params: JSON.parse(r.params) as ModelResult['params'],
        workers: r.workers,
        status: r.status as ModelResult['status'],
        samples: samplesByResult.get(r.id) ?? [],
        warnings: JSON.parse(r.warnings) as string[],
      };
      if (r.reason !== null) result.reason = r.reason;
      if (r.summary !== null) result.summary = JSON.parse(r.summary) as ModelResult['summary'];
      if (r.startup_ms !== null) result.startupMs = r.startup_ms;
      if (r.expected !== null) result.expected = JSON.parse(r.expected) as ModelResult['expected'];
      return result;
    });
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
