// Types-only contract for what a run is, what it produces, and the events it streams.
// Shared by the engine, the CLI, the store, the web server, the Electron main process and the renderer.
// Units are in the names (Ms, Bytes); every time is milliseconds unless the name says otherwise.

export const WORKLOAD_IDS = ['primes', 'images', 'matrix'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

export const MODEL_IDS = [
  'sequential',
  'async',
  'worker-threads',
  'worker-pool',
  'processes',
  'process-pool',
  'shared-memory',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export const SUITE_IDS = ['quick', 'article', 'scaled', 'custom'] as const;
export type SuiteId = (typeof SUITE_IDS)[number];

/**
 * Memoization of the primes workload: `off` plain trial division; `cold` a fresh per-thread cache filled
 * during the timed pass; `warm` a second timed pass over a cache filled before timing (the article's
 * "Memoized" row). The shared-memory model keeps one cache in a SharedArrayBuffer used by all its threads.
 */
export const MEMO_MODES = ['off', 'cold', 'warm'] as const;
export type MemoMode = (typeof MEMO_MODES)[number];

export const MATRIX_KERNELS = ['tuned', 'ml-matrix'] as const;
export type MatrixKernel = (typeof MATRIX_KERNELS)[number];

export interface PrimesParams {
  workload: 'primes';
  /** Count primes in [2, limit]. */
  limit: number;
  memo: MemoMode;
}

export interface ImagesParams {
  workload: 'images';
  /** Absolute paths of the input files, in the order results are reported. */
  inputs: string[];
  /** Target size of the resize; the article uses 128x128. */
  width: number;
  height: number;
  /** Where outputs are written; a fresh temp folder per run when omitted. */
  outDir?: string;
}

export interface MatrixParams {
  workload: 'matrix';
  /** C = A x B with A, B of size n x n, float64. */
  size: number;
  seed: number;
  kernel: MatrixKernel;
}

export type WorkloadParams = PrimesParams | ImagesParams | MatrixParams;

/** One workload with its parameters: the unit every model is run on. */
export interface CaseSpec {
  /** Stable within a run, e.g. "primes:limit=300000:memo=off". */
  id: string;
  params: WorkloadParams;
}

export interface SuiteSpec {
  suite: SuiteId;
  cases: CaseSpec[];
  models: ModelId[];
  /** N for the parallel models; defaults to the CPU count. */
  workers: number;
  /** Timed repetitions per (case, model). */
  reps: number;
  /** Untimed runs per (case, model) before the timed ones. */
  warmup: number;
  /** Seed for the model-order shuffle, so a run can be replayed. */
  shuffleSeed: number;
  /** Present on scaling sweeps and break-even searches (analysed in src/shared/scaling.ts); absent on suites. */
  scaling?: ScalingPlan;
}

/** Verification fingerprint of one workload output. `values` are compared exactly, `approx` within `tolerance`. */
export interface Digest {
  /** Exact fields, e.g. primes count, sum, hash of the list; image pixel hashes. */
  values: Record<string, string | number>;
  /** Floating-point fields compared relatively, e.g. matrix checksums. */
  approx?: Record<string, number>;
  /** Relative tolerance for `approx`. */
  tolerance?: number;
}

export interface Verification {
  ok: boolean;
  /** Why it failed, naming the field and both values. */
  reason?: string;
}

export interface WorkerTiming {
  /** Worker or child index, 0-based. */
  index: number;
  /** Items (numbers, files, rows) this worker handled. */
  items: number;
  computeMs: number;
}

export interface ImageFileOutcome {
  input: string;
  ok: boolean;
  /** Present when ok. */
  output?: string;
  inputWidth?: number;
  inputHeight?: number;
  inputBytes?: number;
  format?: string;
  /** Hash of the output's raw pixels. */
  pixelHash?: string;
  /** Present when not ok: the reason, e.g. "unsupported image format". */
  error?: string;
}

/** One timed repetition of one model on one case. */
export interface Sample {
  rep: number;
  /** From handing the work out to holding the merged result in the orchestrator. */
  wallMs: number;
  /** Thread/process start-up; inside wallMs for cold models, outside it for warm ones. */
  startupMs: number;
  /** Whether startupMs is included in wallMs. */
  startupInWall: boolean;
  /** Moving inputs and outputs across threads/processes (serialisation, copies, postMessage). */
  transferMs: number;
  computeMs: { min: number; max: number; sum: number };
  mergeMs: number;
  /** CPU time of every process involved (orchestrator plus children), user + system. */
  cpuMs: number;
  /** Peak resident set size over the repetition, all processes counted. */
  peakRssBytes: number;
  /** Event-loop delay of the orchestrating process during the repetition. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  workers: WorkerTiming[];
  digest: Digest;
  verification: Verification;
  /** Images only: per-file outcomes of this repetition. */
  files?: ImageFileOutcome[];
}

export interface Summary {
  n: number;
  medianMs: number;
  madMs: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  /** 95% confidence interval of the median (bootstrap). */
  ci95Ms: [number, number];
  /** Indices into samples of repetitions flagged as outliers (never dropped). */
  outliers: number[];
  /** MAD / median; a warning is raised above 0.1. */
  relativeSpread: number;
}

export type ResultStatus = 'ok' | 'failed' | 'cancelled';

/** The outcome of one model on one case: data, never an exception (a failed model does not end the suite). */
export interface ModelResult {
  caseId: string;
  workload: WorkloadId;
  model: ModelId;
  params: WorkloadParams;
  workers: number;
  status: ResultStatus;
  /** Why it failed: "wrong result: count 17983 != 17984", "worker exited with code 1", ... */
  reason?: string;
  samples: Sample[];
  /** Of wallMs over the samples; absent when no sample completed. */
  summary?: Summary;
  /** Median start-up measured on its own. */
  startupMs?: number;
  warnings: string[];
  /** The reference digest every sample was checked against. */
  expected?: Digest;
}

export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed' | 'interrupted';

/** Events a run streams, in order: plan, then progress/result interleaved, then done. */
export type RunEvent =
  | { type: 'plan'; runId: string; spec: SuiteSpec; totalSteps: number; startedAt: string }
  | {
      type: 'progress';
      runId: string;
      caseId: string;
      model: ModelId;
      /** 1-based repetition; 0 with `warmup: true` for warm-up runs. */
      rep: number;
      warmup: boolean;
      phase: 'prepare' | 'start' | 'worker' | 'verify' | 'end';
      /** Per-worker progress while a parallel model runs. */
      worker?: { index: number; done: number; total: number };
      completedSteps: number;
      totalSteps: number;
      /** Orchestrator event-loop delay p99 over the last interval. */
      eventLoopDelayMs?: number;
      /**
       * Scaling runs: the repetitions and warm-ups of the point being measured, which a break-even search
       * sizes per point (the plan's counts are only the minimum).
       */
      point?: { reps: number; warmup: number };
    }
  | { type: 'result'; runId: string; result: ModelResult }
  | { type: 'log'; runId: string; level: 'info' | 'warn' | 'error'; message: string }
  | {
      type: 'done';
      runId: string;
      status: RunStatus;
      endedAt: string;
      results: ModelResult[];
      error?: string;
    };

export type RunEventType = RunEvent['type'];

// The plans a scaling run's spec carries (SuiteSpec.scaling), here with the spec they belong to.
/** A sweep: every model at every worker count, on one workload. */
export interface SweepPlan {
  kind: 'sweep';
  workload: WorkloadId;
  workerCounts: number[];
  /** Gustafson's view: the size grows with the worker count so that the work per worker stays the same. */
  weak: boolean;
  /** Logical CPUs of the machine it ran on: counts above it are oversubscribed. */
  cpuCount: number;
}

/** A break-even search: the size at which each model overtakes sequential, between two bounds. */
export interface BreakEvenPlan {
  kind: 'break-even';
  workload: WorkloadId;
  workers: number;
  minSize: number;
  maxSize: number;
  cpuCount: number;
}

export type ScalingPlan = SweepPlan | BreakEvenPlan;
