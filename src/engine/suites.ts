// Turns a suite request (CLI flags or the GUI's form) into a SuiteSpec, validating every option where it
// enters ("validated at the edge"): the runner trusts the spec it is given.
import { randomInt } from 'node:crypto';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StartRunRequest } from '../shared/ipc.js';
import {
  MATRIX_KERNELS,
  MEMO_MODES,
  MODEL_IDS,
  SUITE_IDS,
  WORKLOAD_IDS,
  type CaseSpec,
  type MatrixKernel,
  type SuiteSpec,
  type WorkloadParams,
} from '../shared/results.js';
import { SUITES } from '../shared/suites.js';
import type { EngineHost } from './host.js';
import { expandImageInputs, ImageInputError } from './workloads/inputs.js';
import { sampleImages } from './workloads/samples.js';

export { SUITES, type SuiteDefaults, type SuiteDescription } from '../shared/suites.js';

export type SuiteRequest = Omit<StartRunRequest, 'save'>;

/** A request option that cannot be used; the message names the option and the bad value. */
export class SuiteOptionError extends Error {
  constructor(
    /** The request field (CLI flag without dashes) that was wrong. */
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = 'SuiteOptionError';
  }
}

/** The article's resize target. */
export const IMAGE_SIZE = 128;
/** Matrices are generated from a fixed seed so that runs on different days and machines multiply the same numbers. */
export const MATRIX_SEED = 20240607;

const LIMITS = {
  /** Trial division runs in int32 arithmetic. */
  limit: 2_000_000_000,
  /** 3 x n^2 float64 at 8192 is already 1.6 GB. */
  size: 8192,
  workers: 256,
  reps: 1000,
  warmup: 100,
} as const;

/**
 * Validates `request` and builds the spec; throws SuiteOptionError naming the first bad option. `checkImage`
 * sees each file a named folder expands to (and may throw to refuse it).
 */
export async function buildSuiteSpec(
  request: SuiteRequest,
  host: EngineHost,
  checkImage?: (file: string) => Promise<void>,
): Promise<SuiteSpec> {
  const suite = oneOf('suite', request.suite, SUITE_IDS);
  const defaults = SUITES[suite].defaults;
  const workloads = listOf('workloads', request.workloads, WORKLOAD_IDS) ?? [...WORKLOAD_IDS];
  const models = listOf('models', request.models, MODEL_IDS) ?? [...MODEL_IDS];
  const memo = listOf('memo', request.memo, MEMO_MODES) ?? defaults.memo;
  const limit = integerIn('limit', request.limit, 1, LIMITS.limit) ?? defaults.primesLimit;
  const size = integerIn('size', request.size, 1, LIMITS.size) ?? defaults.matrixSize;
  const kernel: MatrixKernel =
    request.kernel === undefined ? 'tuned' : oneOf('kernel', request.kernel, MATRIX_KERNELS);
  const workers = integerIn('workers', request.workers, 1, LIMITS.workers) ?? os.availableParallelism();
  const reps = integerIn('reps', request.reps, 1, LIMITS.reps) ?? defaults.reps;
  const warmup = integerIn('warmup', request.warmup, 0, LIMITS.warmup) ?? defaults.warmup;
  const shuffleSeed = integerIn('seed', request.seed, 0, 0xffff_ffff) ?? randomInt(0, 0x7fff_ffff);
  // Validate the image paths even when images is not among the workloads: a typo should not pass silently.
  const images =
    request.images !== undefined && request.images.length > 0
      ? await userImages(request.images, checkImage)
      : workloads.includes('images')
        ? await bundledImages(host.sampleDir, defaults.images)
        : [];

  const cases: CaseSpec[] = [];
  for (const workload of WORKLOAD_IDS) {
    if (!workloads.includes(workload)) continue;
    if (workload === 'primes') {
      for (const mode of memo) cases.push(caseFor({ workload, limit, memo: mode }));
    } else if (workload === 'images') {
      cases.push(caseFor({ workload, inputs: images, width: IMAGE_SIZE, height: IMAGE_SIZE }));
    } else {
      cases.push(caseFor({ workload, size, seed: MATRIX_SEED, kernel }));
    }
  }
  return { suite, cases, models, workers, reps, warmup, shuffleSeed };
}

/** A case with its stable id, e.g. "primes:limit=300000:memo=off". */
export function caseFor(params: WorkloadParams): CaseSpec {
  if (params.workload === 'primes') return { id: `primes:limit=${params.limit}:memo=${params.memo}`, params };
  if (params.workload === 'images') {
    return { id: `images:files=${params.inputs.length}:${params.width}x${params.height}`, params };
  }
  return { id: `matrix:size=${params.size}:kernel=${params.kernel}`, params };
}

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new SuiteOptionError(
      option,
      `${option} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

/** A non-empty list without duplicates, each item one of `allowed`; undefined when the option was not given. */
function listOf<T extends string>(option: string, values: unknown, allowed: readonly T[]): T[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.length === 0) {
    throw new SuiteOptionError(option, `${option} must list at least one of ${allowed.join(', ')}`);
  }
  const out: T[] = [];
  for (const value of values) {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw new SuiteOptionError(
        option,
        `${option} has unknown value ${JSON.stringify(value)} (known: ${allowed.join(', ')})`,
      );
    }
    if (!out.includes(value as T)) out.push(value as T);
  }
  return out;
}

function integerIn(option: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const kind = min === 1 ? 'a positive integer' : `an integer >= ${min}`;
    throw new SuiteOptionError(
      option,
      `${option} must be ${kind} (at most ${max}); got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

async function userImages(
  paths: readonly string[],
  checkImage?: (file: string) => Promise<void>,
): Promise<string[]> {
  for (const p of paths) {
    if (typeof p !== 'string' || p.length === 0) {
      throw new SuiteOptionError('images', `images has an empty or non-string path: ${JSON.stringify(p)}`);
    }
  }
  try {
    return await expandImageInputs(
      paths.map((p) => path.resolve(p)),
      checkImage,
    );
  } catch (caught) {
    if (caught instanceof ImageInputError) throw new SuiteOptionError('images', `images: ${caught.message}`);
    throw caught;
  }
}

/** The bundled samples, smallest files first, so a partial selection stays quick. */
async function bundledImages(sampleDir: string, count: number | 'all'): Promise<string[]> {
  const all = await sampleImages(sampleDir);
  if (count === 'all') return all;
  const sized = await Promise.all(all.map(async (file) => ({ file, bytes: (await stat(file)).size })));
  return sized
    .sort((a, b) => a.bytes - b.bytes || a.file.localeCompare(b.file))
    .slice(0, count)
    .map((s) => s.file)
    .sort();
}
