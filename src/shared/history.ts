// Types-only contract for the run history: machines, stored runs, comparisons and bundles.
import type { ModelId, ModelResult, RunStatus, SuiteId, SuiteSpec, WorkloadId } from './results.js';
import type { RunKind, SweepComparisonRow } from './scaling.js';

/** What is recorded about a machine. Fields the OS does not expose are null (unknown), never 0. */
export interface MachineInfo {
  /** Stable hash of the hardware and OS identity (not of the label or runtime versions). */
  fingerprint: string;
  label: string | null;
  cpu: {
    manufacturer: string | null;
    brand: string | null;
    vendor: string | null;
    family: string | null;
    model: string | null;
    /** Physical cores. */
    cores: number | null;
    /** Logical processors (hardware threads). */
    threads: number;
    speedBaseGHz: number | null;
    speedMaxGHz: number | null;
    cacheL1dBytes: number | null;
    cacheL2Bytes: number | null;
    cacheL3Bytes: number | null;
    /** Flags that matter to the kernels, e.g. avx2, avx512f, neon. */
    flags: string[];
    governor: string | null;
    virtualization: string | null;
  };
  memoryBytes: number;
  os: {
    platform: string;
    distro: string | null;
    release: string | null;
    kernel: string | null;
    arch: string;
  };
  runtime: { node: string; v8: string; electron: string | null; uv: string | null };
  /** Things that make measurements noisy, detected at record time (load, throttling, battery, VM...). */
  noise: string[];
}

export interface StoredMachine extends MachineInfo {
  id: number;
  firstSeen: string;
  lastSeen: string;
}

/** One row of the history list. */
export interface RunSummary {
  id: string;
  /** A suite, a scaling sweep or a break-even search (from the spec's scaling plan). */
  kind: RunKind;
  suite: SuiteId;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  machineId: number;
  machineLabel: string | null;
  machineFingerprint: string;
  cpuBrand: string | null;
  workloads: WorkloadId[];
  models: ModelId[];
  resultCount: number;
  failedCount: number;
  appVersion: string;
  nodeVersion: string;
  electronVersion: string | null;
}

export interface RunRecord extends RunSummary {
  spec: SuiteSpec;
  machine: StoredMachine;
  results: ModelResult[];
}

export interface HistoryFilter {
  /** Machine id, fingerprint prefix or label substring. */
  machine?: string;
  suite?: SuiteId;
  kind?: RunKind;
  /** ISO date or date-time; runs started at or after it. */
  since?: string;
  limit?: number;
  offset?: number;
}

export interface HistoryPage {
  total: number;
  runs: RunSummary[];
}

/** One (case, model) compared across runs; the first run is the baseline. */
export interface ComparisonRow {
  caseId: string;
  workload: WorkloadId;
  model: ModelId;
  /** Per run, in the order asked; null where that run lacks this (case, model). */
  cells: Array<{
    runId: string;
    medianMs: number | null;
    status: ModelResult['status'] | null;
    /** (median / baseline median - 1) * 100; null for the baseline and where missing. */
    relativePct: number | null;
    /** Median per logical core: median x threads used (for the per-core normalised view). */
    perCoreMs: number | null;
    /** Mann-Whitney U two-sided p-value against the baseline's samples. */
    pValue: number | null;
    /** True when p < 0.05 and the effect is at least the minimum effect. */
    significant: boolean | null;
    /** How pValue was computed: the exact U distribution, or the normal approximation (tie-corrected). */
    pMethod?: 'exact' | 'normal';
    /** Why significance could not be decided, e.g. "not enough repetitions (3 vs 3: smallest p is 0.1)". */
    note?: string;
  } | null>;
}

export interface Comparison {
  runs: RunSummary[];
  rows: ComparisonRow[];
  /** e.g. "runs differ in Node version: 20.20.2 vs 22.1.0", "different machines", "parameters differ: ..." */
  warnings: string[];
  /** Minimum relative effect (percent) counted as significant. */
  minEffectPct: number;
  /** When two or more of the runs are sweeps: each model's best worker count and efficiency per run. */
  scaling?: SweepComparisonRow[];
}

export const BUNDLE_FORMAT = 'concurrency-bench/bundle';
export const BUNDLE_VERSION = 1;

/** A portable set of runs with their machines (JSON). */
export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: string;
  appVersion: string;
  machines: MachineInfo[];
  runs: Array<
    Omit<RunRecord, 'machine' | 'machineId'> & {
      machineFingerprint: string;
      /** V8 version and noise warnings seen by this run (the machine entry holds the latest). */
      v8Version?: string | null;
      noise?: string[];
    }
  >;
}

export interface ImportReport {
  imported: number;
  /** Runs already present (same id): skipped, not duplicated. */
  skipped: number;
  runIds: string[];
}

/** One run in full, as the exporters write it (json: this object; csv/markdown: tables of its results). */
export interface RunReport {
  runId: string;
  suite: SuiteId;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  appVersion: string;
  spec: SuiteSpec;
  machine: MachineInfo;
  results: ModelResult[];
}
