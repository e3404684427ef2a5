// Turns a sweep or break-even request (CLI flags or the GUI's form) into a SuiteSpec carrying its
// ScalingPlan, validating every option where it enters: the scaling runner trusts the spec it is given.
import os from 'node:os';
import {
  MODEL_IDS,
  WORKLOAD_IDS,
  type CaseSpec,
  type ModelId,
  type SuiteSpec,
  type WorkloadId,
  type WorkloadParams,
} from '../../shared/results.js';
import { PARALLEL_MODEL_IDS, sizeOf, withSize } from '../../shared/scaling.js';

export { withSize };
import type { EngineHost } from '../host.js';
import { buildSuiteSpec, caseFor, SuiteOptionError, type SuiteRequest } from '../suites.js';

/** Options shared by sweeps and break-even searches. */
interface ScalingRequestBase {
  workload: WorkloadId;
  /** Parallel models only; sequential is always run as the baseline. Default: every parallel model. */
  models?: ModelId[];
  memo?: SuiteRequest['memo'];
  kernel?: SuiteRequest['kernel'];
  images?: string[];
  reps?: number;
  warmup?: number;
  seed?: number;
}

export interface SweepRequest extends ScalingRequestBase {
  /** Default: 1, 2, ... up to twice the CPU count. */
  workers?: number[];
  weak?: boolean;
  /** Primes limit at 1 worker. */
  limit?: number;
  /** Matrix n at 1 worker. */
  size?: number;
}

export interface BreakEvenRequest extends ScalingRequestBase {
  /** Default: the CPU count. */
  workers?: number;
  minSize?: number;
  maxSize?: number;
}

/** Sized so that a default primes sweep (1..4 workers on 2 cores, 5 models) takes well under a minute. */
export const SWEEP_DEFAULTS = { primesLimit: 1_000_000, matrixSize: 500, imageFiles: 4, reps: 3, warmup: 1 };
/**
 * Bounds of the break-even search per workload: from sizes where the work is a small part of any model's
 * time (fixed costs decide) to where sequential takes ~1 s. The lower bound sits below every crossing: from
 * 5,000 the cheap models' first point was already at their crossing and a noisy first point decided their
 * verdict; and a model faster than sequential even at a primes limit of 10 (shared-memory, whose thread
 * dispatch costs less than sequential's round trip to its child) has no crossing to find, which only a
 * bound that small shows.
 */
export const BREAK_EVEN_BOUNDS: Record<WorkloadId, { min: number; max: number }> = {
  primes: { min: 10, max: 8_000_000 },
  matrix: { min: 16, max: 1_024 },
  images: { min: 1, max: 64 },
};
/**
 * Repetitions are at least `reps` per point, more where a repetition is short (sweep/run.ts sizes them by
 * time); warm-ups are by time alone unless asked for: none where a repetition takes ~0.4 s or more.
 */
export const BREAK_EVEN_DEFAULTS = { reps: 3, warmup: 0 };
const MAX_WORKERS = 256;
/** Checks each image file a named folder holds (the web server's served-folder policy), as for suites. */
type ImageCheck = (file: string) => Promise<void>;
const MAX_SIZE: Record<WorkloadId, number> = { primes: 2_000_000_000, matrix: 8192, images: 10_000 };

/** Validates a sweep request and builds its spec: one case per worker count; throws SuiteOptionError. */
export async function buildSweepSpec(
  request: SweepRequest,
  host: EngineHost,
  checkImage?: ImageCheck,
): Promise<SuiteSpec> {
  const cpuCount = os.availableParallelism();
  const workerCounts =
    request.workers === undefined
      ? Array.from({ length: 2 * cpuCount }, (_, i) => i + 1)
      : workerList(request.workers);
  const base = await baseSpec(request, host, {
    limit: request.limit ?? SWEEP_DEFAULTS.primesLimit,
    size: request.size ?? SWEEP_DEFAULTS.matrixSize,
    reps: request.reps ?? SWEEP_DEFAULTS.reps,
    warmup: request.warmup ?? SWEEP_DEFAULTS.warmup,
    checkImage,
  });
  const weak = request.weak === true;
  const baseParams = base.cases[0].params;
  const cases: CaseSpec[] = workerCounts.map((n) => {
    const params = weak ? withSize(baseParams, weakSize(baseParams, n)) : baseParams;
    const c = caseFor(params);
    return { id: `${c.id}:workers=${n}`, params };
  });
  return {
    ...base,
    cases,
    workers: Math.max(...workerCounts),
    scaling: { kind: 'sweep', workload: request.workload, workerCounts, weak, cpuCount },
  };
}

/** Validates a break-even request and builds its spec; its one case is the search's smallest size. */
export async function buildBreakEvenSpec(
  request: BreakEvenRequest,
  host: EngineHost,
  checkImage?: ImageCheck,
): Promise<SuiteSpec> {
  const cpuCount = os.availableParallelism();
  const workload = workloadOf(request.workload);
  const bounds = BREAK_EVEN_BOUNDS[workload];
  const minSize = positive('min-size', request.minSize, MAX_SIZE[workload]) ?? bounds.min;
  const maxSize =
    positive('max-size', request.maxSize, MAX_SIZE[workload]) ?? Math.max(bounds.max, minSize * 2);
  if (minSize >= maxSize) {
    throw new SuiteOptionError('min-size', `min-size ${minSize} must be below max-size ${maxSize}`);
  }
  const workers = positive('workers', request.workers, MAX_WORKERS) ?? cpuCount;
  const base = await baseSpec(request, host, {
    limit: minSize,
    size: Math.min(minSize, MAX_SIZE.matrix),
    reps: request.reps ?? BREAK_EVEN_DEFAULTS.reps,
    warmup: request.warmup ?? BREAK_EVEN_DEFAULTS.warmup,
    checkImage,
  });
  return {
    ...base,
    cases: [caseFor(withSize(base.cases[0].params, minSize))],
    workers,
    scaling: { kind: 'break-even', workload, workers, minSize, maxSize, cpuCount },
  };
}

/**
 * The size at n workers for the same work per worker: trial division to L costs about L^1.5, a matrix
 * product n^3, images one resize each.
 */
export function weakSize(params: WorkloadParams, workers: number): number {
  const size = sizeOf(params);
  if (params.workload === 'primes') return Math.round(size * workers ** (2 / 3));
  if (params.workload === 'matrix') return Math.round(size * workers ** (1 / 3));
  return size * workers;
}

async function baseSpec(
  request: ScalingRequestBase,
  host: EngineHost,
  sized: { limit: number; size: number; reps: number; warmup: number; checkImage?: ImageCheck },
): Promise<SuiteSpec> {
  const workload = workloadOf(request.workload);
  const models = parallelModels(request.models);
  if (request.memo !== undefined && request.memo.length !== 1) {
    throw new SuiteOptionError(
      'memo',
      `memo takes one mode here (off, cold or warm); got ${JSON.stringify(request.memo)}`,
    );
  }
  const spec = await buildSuiteSpec(
    {
      suite: 'custom',
      workloads: [workload],
      models: ['sequential', ...models],
      limit: sized.limit,
      size: sized.size,
      reps: sized.reps,
      warmup: sized.warmup,
      ...(request.memo ? { memo: request.memo } : {}),
      ...(request.kernel ? { kernel: request.kernel } : {}),
      ...(request.images ? { images: request.images } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
    },
    host,
    sized.checkImage,
  );
  if (workload === 'images' && request.images === undefined) {
    // The sweep's images case: the bundled samples, all of them.
    const params = spec.cases[0].params;
    if (params.workload === 'images' && params.inputs.length < SWEEP_DEFAULTS.imageFiles) {
      spec.cases = [caseFor(withSize(params, SWEEP_DEFAULTS.imageFiles))];
    }
  }
  return spec;
}

function workloadOf(value: unknown): WorkloadId {
  if (typeof value !== 'string' || !(WORKLOAD_IDS as readonly string[]).includes(value)) {
    throw new SuiteOptionError(
      'workload',
      `workload must be one of ${WORKLOAD_IDS.join(', ')}; got ${JSON.stringify(value)}`,
    );
  }
  return value as WorkloadId;
}

function parallelModels(values: unknown): ModelId[] {
  if (values === undefined) return [...PARALLEL_MODEL_IDS];
  if (!Array.isArray(values) || values.length === 0) {
    throw new SuiteOptionError('models', `models must list at least one of ${PARALLEL_MODEL_IDS.join(', ')}`);
  }
  const out: ModelId[] = [];
  for (const value of values) {
    if (typeof value !== 'string' || !(MODEL_IDS as readonly string[]).includes(value)) {
      throw new SuiteOptionError(
        'models',
        `models has unknown value ${JSON.stringify(value)} (known: ${PARALLEL_MODEL_IDS.join(', ')})`,
      );
    }
    if (!(PARALLEL_MODEL_IDS as readonly string[]).includes(value)) {
      throw new SuiteOptionError(
        'models',
        `models: ${value} does not use workers (sequential is always run as the baseline); parallel models: ${PARALLEL_MODEL_IDS.join(', ')}`,
      );
    }
    if (!out.includes(value as ModelId)) out.push(value as ModelId);
  }
  return out;
}

function workerList(values: unknown): number[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new SuiteOptionError('workers', 'workers must list at least one positive integer');
  }
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_WORKERS) {
      throw new SuiteOptionError(
        'workers',
        `workers must be positive integers (at most ${MAX_WORKERS}); got ${JSON.stringify(v)}`,
      );
    }
  }
  return [...new Set(values as number[])].sort((a, b) => a - b);
}

function positive(option: string, value: unknown, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new SuiteOptionError(
      option,
      `${option} must be a positive integer (at most ${max}); got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
