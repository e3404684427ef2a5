// Workload adapters: what the models need to know about a workload without knowing which one it is.
// prepareCase makes inputs and the reference digest (by an independent method); the rest partitions items,
// builds TaskSpecs for ranges of items, and merges partial outputs back, in range order, into one digest.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, rmdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
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
import { BULK_CHUNK_BYTES, type BulkTargets } from '../hosts/bulk.js';
import { HelperThread } from '../hosts/helper.js';
import type { PreparedCase } from '../models/types.js';
import { imagesDigest, resizeFile } from './images.js';
import { matrixDigest } from './matrix.js';
import { concatPrimeLists, primesDigest } from './primes.js';

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
  /** A and B, n x n row-major, in shared memory (made on the helper thread; read, never written). */
  a: Float64Array;
  b: Float64Array;
  /** A helper thread for digesting merged products off the orchestrator's thread (ended by releaseCase). */
  helper: HelperThread;
}
export interface ImagesInput {
  workload: 'images';
  files: string[];
  width: number;
  height: number;
  /** This case's folder (a fresh `run-*` folder under the outDir): every model repetition writes into a subfolder. */
  outBase: string;
  /** Where the reference pass wrote its outputs (inside outBase, removed when the case ends). */
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
      // The sieve shares no code with trial division, so a bug in either shows up as a mismatch. It runs on
      // a helper thread: at large limits it takes seconds, which the orchestrator's event loop must not.
      const helper = new HelperThread(host.workerEntry);
      try {
        const output = await helper.run({ kind: 'reference-primes', limit });
        if (output.kind !== 'digest') throw new Error(`reference-primes returned ${output.kind}`);
        return { spec, itemCount: limit - 1, input, expected: output.digest };
      } finally {
        await helper.close();
      }
    }
    case 'matrix': {
      const n = requireInteger(params.size, `case ${spec.id}: matrix size`, 1, MAX_MATRIX_SIZE);
      const seed = requireInteger(params.seed, `case ${spec.id}: matrix seed`, 0, 2 ** 32 - 1);
      if (!MATRIX_KERNELS.includes(params.kernel)) {
        throw new Error(
          `case ${spec.id}: kernel must be one of ${MATRIX_KERNELS.join(', ')} (got ${String(params.kernel)})`,
        );
      }
      // Generating 2 x n^2 numbers and the O(n^2) reference digest take most of a second at n = 3000: done on
      // a helper thread, into shared memory, so that no copy back is needed either. That thread ends once
      // done, and its scratch copies with it; digests get a thread of their own.
      const maker = new HelperThread(host.workerEntry);
      try {
        const output = await maker.run({ kind: 'prepare-matrix', n, seed });
        if (output.kind !== 'prepared-matrix') throw new Error(`prepare-matrix returned ${output.kind}`);
        const input: MatrixInput = {
          workload: 'matrix',
          n,
          seed,
          kernel: params.kernel,
          a: new Float64Array(output.a),
          b: new Float64Array(output.b),
          helper: new HelperThread(host.workerEntry),
        };
        return { spec, itemCount: n, input, expected: output.expected };
      } finally {
        await maker.close();
      }
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
      const root = params.outDir ?? defaultImagesRoot();
      await mkdir(root, { recursive: true });
      const outBase = await mkdtemp(path.join(root, 'run-'));
      const referenceDir = await mkdtemp(path.join(outBase, 'reference-'));
      const reference: ImageFileOutcome[] = [];
      try {
        for (let i = 0; i < files.length; i++) {
          abortIfNeeded(signal);
          reference.push(await resizeFile(files[i], referenceDir, width, height, i));
        }
      } catch (error) {
        await rm(outBase, { recursive: true, force: true });
        throw error;
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

/** Where images cases write when the case names no outDir: one `run-*` folder per case. */
export function defaultImagesRoot(): string {
  return path.join(os.tmpdir(), 'cbench-images');
}

/** How long image outputs under the default root are kept (a run older than this is pruned at the next start). */
export const IMAGE_OUTPUT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

// Folders this engine makes under an images root: `run-*` now; `reference-*` and `<model>-*` before runs had
// their own folder. Nothing else there is touched.
const OUR_FOLDER =
  /^(run|reference|sequential|async|worker-threads|worker-pool|processes|process-pool|shared-memory)-/;

/**
 * Removes the engine's folders under `root` last modified more than `maxAgeMs` ago; returns how many. A root
 * that does not exist is fine. Folders of runs still going are recent (every repetition writes into them).
 */
export async function pruneImageOutputs(
  root: string = defaultImagesRoot(),
  maxAgeMs: number = IMAGE_OUTPUT_MAX_AGE_MS,
  nowMs: number = Date.now(),
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!OUR_FOLDER.test(name)) continue;
    const folder = path.join(root, name);
    try {
      const info = await stat(folder);
      if (!info.isDirectory() || nowMs - info.mtimeMs <= maxAgeMs) continue;
      await rm(folder, { recursive: true, force: true });
      removed++;
    } catch {
      // Gone already (another run pruning at the same time) or not ours to remove: leave it.
    }
  }
  return removed;
}

/**
 * Releases what a prepared case holds once every model is done with it: the helper thread, and the images
 * reference outputs (the models' kept outputs stay; the case folder goes too if nothing is left in it).
 */
export async function releaseCase(prepared: PreparedCase): Promise<void> {
  const input = caseInput(prepared);
  if (input.workload === 'matrix') await input.helper.close();
  if (input.workload === 'images') {
    await rm(input.referenceDir, { recursive: true, force: true });
    await rmdir(input.outBase).catch(() => {});
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

/** The output folder a repetition writes to: the one the runner made for it, else a fresh one. */
export async function repetitionOutDir(
  input: CaseInput,
  model: ModelId,
  given: string | undefined,
): Promise<string | undefined> {
  if (input.workload !== 'images') return undefined;
  return given ?? makeRunOutDir(input, model);
}

/** What a repetition's tasks share: the pass id, the images output folder, an injected fault. */
export interface TaskContext {
  pass: string;
  outDir?: string;
  fault?: FaultKind;
  asyncChunks?: number;
  /**
   * Who runs the task. Matrix inputs reach a worker 'thread' as shared memory it copies from, and a 'child'
   * as the seed it generates them from (workloads/matrix-seeded.ts); either way the receiver gets its own copy.
   */
  target: 'thread' | 'child';
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
      const base = {
        kind: 'matrix',
        n,
        kernel: input.kernel,
        rowStart: range.start,
        rowEnd: range.end,
      } as const;
      if (!(input.a.buffer instanceof SharedArrayBuffer) || !(input.b.buffer instanceof SharedArrayBuffer)) {
        throw new Error('matrix inputs must be in shared memory (prepared by prepareCase)');
      }
      if (context.target === 'thread') {
        // The worker copies its share out of shared memory itself (hosts/task-exec.ts, adoptSharedInput).
        const empty = new Float64Array(0);
        return {
          task: {
            ...base,
            aRows: empty,
            b: empty,
            shared: { a: input.a.buffer, b: input.b.buffer, key: `${n}:${input.seed}` },
            ...common,
          },
          transfer: [],
        };
      }
      // A child draws its inputs from the case's seed (workloads/matrix-seeded.ts): 2 x n^2 float64 need not
      // cross a process boundary that can only copy them.
      const empty = new Float64Array(0);
      return { task: { ...base, aRows: empty, b: empty, seeded: input.seed, ...common }, transfer: [] };
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

/**
 * Room for a matrix case's merged product that child processes' results are read straight into (see
 * roomFor), so the merge has nothing left to copy; undefined for the other workloads. Allocated untouched:
 * its pages are first written by the reads.
 */
export function outputRoom(input: CaseInput): Float64Array | undefined {
  return input.workload === 'matrix' ? new Float64Array(input.n * input.n) : undefined;
}

/** The rows of `room` that the task for items [range.start, range.end) fills, as a TaskLink's `into`. */
export function roomFor(input: CaseInput, room: Float64Array | undefined, range: ItemRange): BulkTargets {
  if (!room || input.workload !== 'matrix') return {};
  return { c: room.subarray(range.start * input.n, range.end * input.n) };
}

/**
 * Merges partial outputs (any order) into the full output, in range order; throws if a range is missing or
 * a matrix part does not hold its range's rows. A matrix product is assembled in `room` when given (parts
 * already read into their place there are not copied again), a few MB at a time, yielding to the event loop
 * in between; a single part that is the whole product is taken as it is.
 */
export async function mergeOutputs(
  input: CaseInput,
  parts: Array<{ range: ItemRange; output: TaskOutput }>,
  room?: Float64Array,
): Promise<MergedOutput> {
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
      return { kind: 'primes', primes: concatPrimeLists(lists) };
    }
    case 'matrix': {
      const { n } = input;
      for (const p of sorted) {
        if (p.output.kind !== 'matrix')
          throw new Error(`merge: expected matrix output, got ${p.output.kind}`);
        if (p.output.rowStart !== p.range.start || p.output.c.length !== (p.range.end - p.range.start) * n) {
          throw new Error(`merge: the part for rows [${p.range.start}, ${p.range.end}) holds other rows`);
        }
      }
      const whole =
        sorted.length === 1 && sorted[0].output.kind === 'matrix' ? sorted[0].output.c : undefined;
      // Ordinary memory, not shared: V8 frees a SharedArrayBuffer only once every thread that saw it has
      // collected it, and an idle helper thread rarely collects.
      if (whole && !room && whole.buffer instanceof ArrayBuffer) return { kind: 'matrix', c: whole };
      const c = room && room.length === n * n ? room : new Float64Array(n * n);
      const step = BULK_CHUNK_BYTES / Float64Array.BYTES_PER_ELEMENT;
      for (const p of sorted) {
        const part = (p.output as Extract<TaskOutput, { kind: 'matrix' }>).c;
        const at = p.range.start * n;
        if (part.buffer === c.buffer && part.byteOffset === at * Float64Array.BYTES_PER_ELEMENT) continue;
        for (let offset = 0; offset < part.length; offset += step) {
          if (offset > 0) await yieldToEventLoop();
          c.set(part.subarray(offset, Math.min(offset + step, part.length)), at + offset);
        }
        await yieldToEventLoop();
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

/**
 * Digest of a merged output (the images digest covers pixel hashes and which files failed). A matrix product
 * is digested on the case's helper thread -- tens of ms of arithmetic the orchestrator's event loop is
 * spared -- read there in place when shared, else moved there and back (merged.c is then a new view).
 */
export async function digestOf(
  input: CaseInput,
  merged: MergedOutput,
): Promise<{ digest: Digest; files?: ImageFileOutcome[] }> {
  switch (merged.kind) {
    case 'primes':
      return { digest: primesDigest(merged.primes) };
    case 'matrix': {
      const n = input.workload === 'matrix' ? input.n : Math.round(Math.sqrt(merged.c.length));
      const buffer = merged.c.buffer;
      const whole = buffer.byteLength === n * n * Float64Array.BYTES_PER_ELEMENT && merged.c.byteOffset === 0;
      if (input.workload !== 'matrix' || !whole) return { digest: matrixDigest(merged.c, n) };
      const moved = buffer instanceof SharedArrayBuffer ? [] : [buffer];
      const output = await input.helper.run({ kind: 'digest-matrix', n, c: buffer }, moved);
      if (output.kind !== 'digest') throw new Error(`digest-matrix returned ${output.kind}`);
      if (output.returned) merged.c = new Float64Array(output.returned);
      return { digest: output.digest };
    }
    case 'images':
      return { digest: imagesDigest(merged.files), files: merged.files };
  }
}
