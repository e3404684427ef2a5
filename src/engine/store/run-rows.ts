// How a run's rows read back as the shared types: the row shapes the queries return, the columns they
// select, and the conversions to RunSummary and ModelResult.
import type { RunSummary } from '../../shared/history.js';
import type { ModelId, ModelResult, RunStatus, Sample, WorkloadId } from '../../shared/results.js';
import type { RunKind } from '../../shared/scaling.js';

export interface RunRow {
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

export interface ResultRow {
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

export interface SampleRow {
  result_id: number;
  rep: number;
  wall_ms: number;
  digest: string;
  verified: number;
  verify_reason: string | null;
  data: string;
}

export const SUMMARY_COLUMNS = `r.id, r.suite, r.status, r.started_at, r.ended_at, r.machine_id, r.app_version,
  r.node_version, r.electron_version, r.v8_version, r.workloads, r.models, r.result_count, r.failed_count,
  r.noise, m.label, m.fingerprint, m.cpu_brand, r.kind`;

export function rowToSummary(row: RunRow): RunSummary {
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
export const LIST_COLUMNS = `r.id, r.suite, r.status, r.started_at, r.ended_at, r.machine_id, m.label, m.fingerprint,
  m.cpu_brand, r.workloads, r.models, r.result_count, r.failed_count, r.app_version, r.node_version,
  r.electron_version, r.kind`;
export type ListRow = [
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

export function listRowToSummary(r: ListRow): RunSummary {
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

/** A run's results with their samples, from its rows (results in order, samples by repetition). */
export function rowsToResults(resultRows: ResultRow[], sampleRows: SampleRow[]): ModelResult[] {
  const samplesByResult = new Map<number, Sample[]>();
  for (const s of sampleRows) {
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
  return resultRows.map((r): ModelResult => {
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
}
