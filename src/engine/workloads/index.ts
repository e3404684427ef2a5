// Workload adapters: what the models need to know about a workload without knowing which one it is.
// prepareCase makes inputs and the reference digest (by an independent method); the rest partitions items,
// builds TaskSpecs for ranges of items, and merges partial outputs back, in range order, into one digest.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {
  CaseSpec,
  Digest,
  ImageFileOutcome,
  MatrixKernel,
  MemoMode,
  ModelId,
} from '../../shared/results.js';
import { MATRIX_KERNELS, MEMO_MODES } from '../../shared/results.js';
import type { FaultKind, TaskOutput, TaskSpec } from '../../shared/protocol.js';
import type { EngineHost } from '../host.js';
import type { PreparedCase } from '../models/types.js';
import { imagesDigest, resizeFile } from './images.js';
import { makeMatrices, matrixDigest, matrixReferenceDigest } from './matrix.js';
import { primesDigest, sievePrimes } from './primes.js';

export interface PrimesInput {
  workload: 'primes';
  limit: number;
  memo: MemoMode;
}
export interface MatrixInput {
  workload: 'matrix';
  n: number;
  seed: number;
  kernel: MatrixKernel;
  a: Float64Array;
  b: Float64Array;
}
export interface ImagesInput {
  workload: 'images';
  files: string[];
  width: number;
  height: number;
  /** Each model repetition writes into a fresh subfolder of this one. */
  outBase: string;
  /** Where the reference pass wrote its outputs. */
  referenceDir: string;
  /** The reference pass's per-file outcomes (errors included). */
  reference: ImageFileOutcome[];
}
/** PreparedCase.input, per workload. */
export type CaseInput = PrimesInput | MatrixInput | ImagesInput;

/** A half-open range [start, end) of item indices (numbers from 2, matrix rows, files). */
export interface ItemRange {
  start: number;
  end: number;
}

/** The merged output of a repetition, before digesting. */
export type MergedOutput =
  | { kind: 'primes'; primes: Int32Array }
  | { kind: 'matrix'; c: Float64Array }
  | { kind: 'images'; files: ImageFileOutcome[] };

/** Largest primes limit: primes travel as Int32Array. */
const MAX_PRIMES_LIMIT = 2_000_000_000;
/** Largest matrix side: A, B and C must each fit a typed array (and a SharedArrayBuffer). */
const MAX_MATRIX_SIZE = 16_000;

function abortIfNeeded(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('preparation cancelled');
    error.name = 'AbortError';
    throw error;
  }
}

function requireInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

/** Makes a case ready before timing: inputs, the reference digest by an independent method, the item count. */
export async function prepareCase(
  spec: CaseSpec,
  host: EngineHost,
  signal?: AbortSignal,
): Promise<PreparedCase> {
  abortIfNeeded(signal);
  const params = spec.params;
  switch (params.workload) {
    case 'primes': {
      const limit = requireInteger(params.limit, `case ${spec.id}: primes limit`, 2, MAX_PRIMES_LIMIT);
      if (!MEMO_MODES.includes(params.memo)) {
        throw new Error(
          `case ${spec.id}: memo must be one of ${MEMO_MODES.join(', ')} (got ${String(params.memo)})`,
        );
      }
      const input: PrimesInput = { workload: 'primes', limit, memo: params.memo };
      // The sieve shares no code with trial division, so a bug in either shows up as a mismatch.
      return { spec, itemCount: limit - 1, input, expected: primesDigest(sievePrimes(limit)) };
    }
    case 'matrix': {
      const n = requireInteger(params.size, `case ${spec.id}: matrix size`, 1, MAX_MATRIX_SIZE);
      const seed = requireInteger(params.seed, `case ${spec.id}: matrix seed`, 0, 2 ** 32 - 1);
      if (!MATRIX_KERNELS.includes(params.kernel)) {
        throw new Error(
          `case ${spec.id}: kernel must be one of ${MATRIX_KERNELS.join(', ')} (got ${String(params.kernel)})`,
        );
      }
      const { a, b } = makeMatrices(n, seed);
      const input: MatrixInput = { workload: 'matrix', n, seed, kernel: params.kernel, a, b };
      return { spec, itemCount: n, input, expected: matrixReferenceDigest(a, b, n) };
    }
    case 'images': {
      const width = requireInteger(params.width, `case ${spec.id}: image width`, 1, 16_384);
      const height = requireInteger(params.height, `case ${spec.id}: image height`, 1, 16_384);
      const files = params.inputs.length > 0 ? params.inputs : await listSamples(host.sampleDir);
      for (const file of files) {
        if (typeof file !== 'string' || !path.isAbsolute(file)) {
          throw new Error(`case ${spec.id}: image inputs must be absolute paths (got ${String(file)})`);
        }
      }
      const outBase = params.outDir ?? path.join(os.tmpdir(), 'cbench-images');
      await mkdir(outBase, { recursive: true });
      const referenceDir = await mkdtemp(path.join(outBase, 'reference-'));
      const reference: ImageFileOutcome[] = [];
      for (let i = 0; i < files.length; i++) {
        abortIfNeeded(signal);
        reference.push(await resizeFile(files[i], referenceDir, width, height, i));
      }
      const input: ImagesInput = {
        workload: 'images',
        files,
        width,
        height,
        outBase,
        referenceDir,
        reference,
      };
      return { spec, itemCount: files.length, input, expected: imagesDigest(reference) };
    }
    default:
      throw new Error(
        `case ${spec.id}: unknown workload ${String((params as { workload?: unknown }).workload)}`,
      );
  }
}

const IMAGE_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.avif',
  '.heic',
  '.svg',
]);

async function listSamples(sampleDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(sampleDir);
  } catch {
    throw new Error(
      `images case has no inputs and the sample folder is missing: ${sampleDir} (run "npm run samples")`,
    );
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(sampleDir, name);
    if (IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase()) && (await stat(file)).isFile())
      files.push(file);
  }
  if (files.length === 0) throw new Error(`images case has no inputs and ${sampleDir} holds no images`);
  return files;
}

/** The workload-specific input of a prepared case, checked. */
export function caseInput(prepared: PreparedCase): CaseInput {
  const input = prepared.input as CaseInput | undefined;
  if (!input || (input.workload !== 'primes' && input.workload !== 'matrix' && input.workload !== 'images')) {
    throw new Error(`case ${prepared.spec.id} was not prepared by prepareCase`);
  }
  return input;
}

/** `parts` contiguous ranges of nearly equal size covering [0, itemCount); never an empty range. */
export function partition(itemCount: number, parts: number): ItemRange[] {
  const k = Math.max(1, Math.min(Math.floor(parts), itemCount));
  const ranges: ItemRange[] = [];
  for (let i = 0; i < k; i++) {
    const start = Math.floor((itemCount * i) / k);
    const end = Math.floor((itemCount * (i + 1)) / k);
    if (end > start) ranges.push({ start, end });
  }
  return ranges;
}

/**
 * Chunks for the dynamic (pool) models: more chunks than workers so that a fast worker takes more. Images go
 * one file per chunk; matrix rows in 2 chunks per worker (every chunk carries a copy of B); primes 8 per worker.
 */
export function dynamicChunks(prepared: PreparedCase, workers: number): ItemRange[] {
  const input = caseInput(prepared);
  const perWorker = input.workload === 'images' ? Infinity : input.workload === 'matrix' ? 2 : 8;
  return partition(prepared.itemCount, Math.min(prepared.itemCount, workers * perWorker));
}

/** A fresh identifier for one pass, so `cold` memo caches are replaced on its first task in each worker. */
export function newPassId(): string {
  return randomUUID();
}

/** A fresh output folder for one model repetition of an images case. */
export async function makeRunOutDir(input: ImagesInput, model: ModelId): Promise<string> {
  return mkdtemp(path.join(input.outBase, `${model}-`));
}

/** What a repetition's tasks share: the pass id, the images output folder, an injected fault. */
export interface TaskContext {
  pass: string;
  outDir?: string;
  fault?: FaultKind;
  asyncChunks?: number;
}

/** The task for items [range.start, range.end), with the buffers that can be moved rather than copied. */
export function buildTask(
  input: CaseInput,
  range: ItemRange,
  context: TaskContext,
): { task: TaskSpec; transfer: ArrayBuffer[] } {
  const common = {
    ...(context.fault ? { fault: context.fault } : {}),
    ...(context.asyncChunks ? { asyncChunks: context.asyncChunks } : {}),
  };
  switch (input.workload) {
    case 'primes':
      return {
        task: {
          kind: 'primes',
          lo: range.start + 2,
          hi: range.end + 1,
          limit: input.limit,
          memo: input.memo,
          pass: context.pass,
          ...common,
        },
        transfer: [],
      };
    case 'matrix': {
      const { n } = input;
      // slice() is the copy every copying model pays; its buffer is then moved, not copied again.
      const aRows = input.a.slice(range.start * n, range.end * n);
      return {
        task: {
          kind: 'matrix',
          n,
          kernel: input.kernel,
          rowStart: range.start,
          rowEnd: range.end,
          aRows,
          b: input.b,
          ...common,
        },
        transfer: [aRows.buffer],
      };
    }
    case 'images': {
      if (!context.outDir) throw new Error('images tasks need an output folder');
      const indices: number[] = [];
      for (let i = range.start; i < range.end; i++) indices.push(i);
      return {
        task: {
          kind: 'images',
          files: input.files.slice(range.start, range.end),
          indices,
          outDir: context.outDir,
          width: input.width,
          height: input.height,
          ...common,
        },
        transfer: [],
      };
    }
  }
}

/** Warm-memo fill task over [range.start, range.end): verdicts cached in the worker, no list sent back. */
export function buildFillTask(
  input: PrimesInput,
  range: ItemRange,
  pass: string,
  barrier?: { sab: SharedArrayBuffer; parties: number },
): TaskSpec {
  return {
    kind: 'primes',
    lo: range.start + 2,
    hi: range.end + 1,
    limit: input.limit,
    memo: 'warm',
    pass,
    fill: true,
    ...(barrier ? { barrier } : {}),
  };
}

/** Merges partial outputs (any order) into the full output, in range order; throws if a range is missing. */
export function mergeOutputs(
  input: CaseInput,
  parts: Array<{ range: ItemRange; output: TaskOutput }>,
): MergedOutput {
  const sorted = [...parts].sort((x, y) => x.range.start - y.range.start);
  let expectedStart = 0;
  for (const part of sorted) {
    if (part.range.start !== expectedStart) throw new Error(`merge: items from ${expectedStart} are missing`);
    expectedStart = part.range.end;
  }
  const itemCount =
    input.workload === 'primes'
      ? input.limit - 1
      : input.workload === 'matrix'
        ? input.n
        : input.files.length;
  if (expectedStart !== itemCount)
    throw new Error(`merge: items from ${expectedStart} to ${itemCount} are missing`);
  switch (input.workload) {
    case 'primes': {
      const lists = sorted.map((p) => {
        if (p.output.kind !== 'primes')
          throw new Error(`merge: expected primes output, got ${p.output.kind}`);
        return p.output.primes;
      });
      let length = 0;
      for (const l of lists) length += l.length;
      const primes = new Int32Array(length);
      let at = 0;
      for (const l of lists) {
        primes.set(l, at);
        at += l.length;
      }
      return { kind: 'primes', primes };
    }
    case 'matrix': {
      const { n } = input;
      const c = new Float64Array(n * n);
      for (const p of sorted) {
        if (p.output.kind !== 'matrix')
          throw new Error(`merge: expected matrix output, got ${p.output.kind}`);
        c.set(p.output.c, p.output.rowStart * n);
      }
      return { kind: 'matrix', c };
    }
    case 'images': {
      const files: ImageFileOutcome[] = [];
      for (const p of sorted) {
        if (p.output.kind !== 'images')
          throw new Error(`merge: expected images output, got ${p.output.kind}`);
        files.push(...p.output.files);
      }
      return { kind: 'images', files };
    }
  }
}

/** The ascending primes marked in a shared flags array (Uint8Array[limit + 1]): the shared-memory model's merge. */
export function scanPrimeFlags(flags: Uint8Array, limit: number): Int32Array {
  let count = 0;
  for (let n = 2; n <= limit; n++) count += flags[n];
  const primes = new Int32Array(count);
  let at = 0;
  for (let n = 2; n <= limit; n++) if (flags[n] === 1) primes[at++] = n;
  return primes;
}

/** Per-file outcomes collected in any order, placed by index; throws if a file has no outcome. */
export function collectFiles(
  count: number,
  parts: Array<{ indices: number[]; files: ImageFileOutcome[] }>,
): ImageFileOutcome[] {
  const files = new Array<ImageFileOutcome | undefined>(count);
  for (const part of parts) part.indices.forEach((index, i) => (files[index] = part.files[i]));
  const missing = files.findIndex((f) => f === undefined);
  if (missing >= 0) throw new Error(`merge: no outcome for image ${missing}`);
  return files as ImageFileOutcome[];
}

/** Digest of a merged output (the images digest covers pixel hashes and which files failed). */
export function digestOf(
  input: CaseInput,
  merged: MergedOutput,
): { digest: Digest; files?: ImageFileOutcome[] } {
  switch (merged.kind) {
    case 'primes':
      return { digest: primesDigest(merged.primes) };
    case 'matrix':
      return {
        digest: matrixDigest(
          merged.c,
          input.workload === 'matrix' ? input.n : Math.round(Math.sqrt(merged.c.length)),
        ),
      };
    case 'images':
      return { digest: imagesDigest(merged.files), files: merged.files };
  }
}
