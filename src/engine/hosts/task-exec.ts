// Executes one TaskSpec inside a worker thread, a piscina thread or a child process. The same code runs every
// model's share of the work, so the models differ only in how work is handed out and collected.
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ImageFileOutcome } from '../../shared/results.js';
import type {
  DigestMatrixTask,
  ImagesTask,
  MatrixTask,
  PrepareMatrixTask,
  PrimesTask,
  SharedImagesTask,
  SharedMatrixTask,
  SharedPrimesTask,
  TaskOutput,
  TaskSpec,
} from '../../shared/protocol.js';
import type * as ImagesModule from '../workloads/images.js';
import type * as MatrixModule from '../workloads/matrix.js';
import { generateSeededInput } from '../workloads/matrix-seeded.js';
import {
  isPrime,
  MEMO_COMPOSITE,
  MEMO_PRIME,
  MEMO_UNKNOWN,
  primesDigest,
  concatPrimeLists,
  primesInRange,
  sievePrimes,
} from '../workloads/primes.js';

/** How often a worker may report progress: at most ~20 messages a second. */
export const PROGRESS_INTERVAL_MS = 50;

/** Epoch time in ms with sub-ms precision, comparable across threads and processes of one machine. */
export function epochNowMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface ExecHooks {
  /** Items of this task done so far; throttled here to PROGRESS_INTERVAL_MS, the last call always made. */
  onProgress?(done: number, total: number): void;
}

// sharp (~200 ms) and the matrix kernels (~90 ms) load only in workers that need them, so a worker doing
// primes does not pay for sharp; loadKernels is awaited before the compute clock starts and reported apart.
let images: typeof ImagesModule | undefined;
let matrix: typeof MatrixModule | undefined;

/** Loads the kernel modules `task` needs (once per thread/process); resolves with the time it took in ms. */
export async function loadKernels(task: TaskSpec): Promise<number> {
  const startMs = performance.now();
  if ((task.kind === 'images' || task.kind === 'shared-images') && !images) {
    images = await import('../workloads/images.js');
  }
  const needsMatrix =
    task.kind === 'matrix' ||
    task.kind === 'shared-matrix' ||
    task.kind === 'prepare-matrix' ||
    task.kind === 'digest-matrix';
  if (needsMatrix && !matrix) {
    matrix = await import('../workloads/matrix.js');
  }
  return performance.now() - startMs;
}

/** Exit code of a child or thread that enacts an injected 'exit' fault. */
export const FAULT_EXIT_CODE = 3;

/** Runs one task and returns its output; throws on bad input or an injected 'throw' fault. */
export async function executeTask(task: TaskSpec, hooks: ExecHooks = {}): Promise<TaskOutput> {
  if (task.fault === 'exit') process.exit(FAULT_EXIT_CODE);
  if (task.fault === 'throw') throw new Error(`injected fault: ${task.kind} task threw on purpose`);
  await loadKernels(task);
  const output = await executeKind(task, hooks);
  if (task.barrier) waitAtBarrier(task.barrier.sab, task.barrier.parties);
  return output;
}

function executeKind(task: TaskSpec, hooks: ExecHooks): TaskOutput | Promise<TaskOutput> {
  switch (task.kind) {
    case 'primes':
      return runPrimes(task, hooks);
    case 'matrix':
      return runMatrix(task, hooks);
    case 'images':
      return runImages(task, hooks);
    case 'shared-primes':
      return runSharedPrimes(task, hooks);
    case 'shared-matrix':
      return runSharedMatrix(task, hooks);
    case 'shared-images':
      return runSharedImages(task, hooks);
    case 'noop':
      return { kind: 'none' };
    case 'prepare-matrix':
      return prepareMatrix(task);
    case 'reference-primes':
      return { kind: 'digest', digest: primesDigest(sievePrimes(task.limit)) };
    case 'digest-matrix':
      return digestMatrix(task);
    default:
      throw new Error(`unknown task kind: ${String((task as { kind?: unknown }).kind)}`);
  }
}

/**
 * The task with its shared input copied into this thread's own memory: a matrix task's rows of A and all of B
 * (what a structured-clone message would have copied, copied here instead of on the orchestrator's thread),
 * or, for a child's task that carries the seed, generated here. Other tasks come back as they are.
 */
export function adoptSharedInput(task: TaskSpec): TaskSpec {
  if (task.kind !== 'matrix') return task;
  // A child's inputs are drawn here from the case's seed, in place of the copy that would have travelled.
  if (task.seeded !== undefined) return generateSeededInput(task);
  if (!task.shared) return task;
  const { n, rowStart, rowEnd } = task;
  const a = new Float64Array(task.shared.a);
  const b = new Float64Array(task.shared.b);
  if (a.length !== n * n || b.length !== n * n || rowStart < 0 || rowEnd > n || rowStart > rowEnd) {
    throw new Error(`matrix task for rows [${rowStart}, ${rowEnd}) of n=${n} has mismatched shared inputs`);
  }
  // slice() allocates ordinary (unshared) memory: from here on the worker owns its copies. A pool thread's
  // later tasks of the same inputs reuse its copy of B (and so the kernel's packing of it).
  const key = task.shared.key;
  const kept =
    key !== undefined && threadB?.key === key && threadB.b.length === n * n ? threadB.b : undefined;
  const ownB = kept ?? b.slice();
  threadB = key === undefined ? undefined : { key, b: ownB };
  const { shared: _shared, ...rest } = task;
  return { ...rest, aRows: a.slice(rowStart * n, rowEnd * n), b: ownB };
}

// This thread's copy of the last shared B it was given with a key (see MatrixTask.shared).
let threadB: { key: string; b: Float64Array } | undefined;

function prepareMatrix(task: PrepareMatrixTask): TaskOutput {
  const { n, seed } = task;
  const made = matrix!.makeMatrices(n, seed);
  const bytes = n * n * Float64Array.BYTES_PER_ELEMENT;
  const a = new SharedArrayBuffer(bytes);
  const b = new SharedArrayBuffer(bytes);
  new Float64Array(a).set(made.a);
  new Float64Array(b).set(made.b);
  return { kind: 'prepared-matrix', a, b, expected: matrix!.matrixReferenceDigest(made.a, made.b, n) };
}

function digestMatrix(task: DigestMatrixTask): TaskOutput {
  const c = new Float64Array(task.c);
  if (c.length !== task.n * task.n)
    throw new Error(`digest-matrix: C does not hold ${task.n} x ${task.n} values`);
  const digest = matrix!.matrixDigest(c, task.n);
  return task.c instanceof ArrayBuffer
    ? { kind: 'digest', digest, returned: task.c }
    : { kind: 'digest', digest };
}

/** Buffers of an output that can be moved rather than copied to the orchestrator (worker threads only). */
export function transferablesOf(output: TaskOutput): ArrayBuffer[] {
  if (output.kind === 'primes' && output.primes.buffer instanceof ArrayBuffer) return [output.primes.buffer];
  if (output.kind === 'matrix' && output.c.buffer instanceof ArrayBuffer) return [output.c.buffer];
  if (output.kind === 'digest' && output.returned) return [output.returned];
  return [];
}

class Progress {
  private done = 0;
  private lastMs = 0;
  constructor(
    private readonly total: number,
    private readonly hooks: ExecHooks,
  ) {}
  add(items: number): void {
    this.done += items;
    if (!this.hooks.onProgress) return;
    const nowMs = performance.now();
    if (this.done >= this.total || nowMs - this.lastMs >= PROGRESS_INTERVAL_MS) {
      this.lastMs = nowMs;
      this.hooks.onProgress(this.done, this.total);
    }
  }
}

/** [start, end] inclusive ranges of about equal size covering [lo, hi]. */
function splitInclusive(lo: number, hi: number, parts: number): Array<[number, number]> {
  const count = hi - lo + 1;
  const ranges: Array<[number, number]> = [];
  if (count <= 0) return ranges;
  const k = Math.max(1, Math.min(parts, count));
  for (let i = 0; i < k; i++) {
    const start = lo + Math.floor((count * i) / k);
    const end = lo + Math.floor((count * (i + 1)) / k) - 1;
    if (end >= start) ranges.push([start, end]);
  }
  return ranges;
}

// One memo cache per thread/process, kept between tasks so that `warm` passes find it filled.
let threadMemo: { cache: Uint8Array; pass: string } | undefined;

function memoFor(task: PrimesTask): Uint8Array | undefined {
  if (task.memo === 'off') return undefined;
  const cells = task.limit + 1;
  const stale =
    !threadMemo || threadMemo.cache.length < cells || (task.memo === 'cold' && threadMemo.pass !== task.pass);
  if (stale) threadMemo = { cache: new Uint8Array(cells), pass: task.pass };
  return threadMemo!.cache;
}

/** Numbers handled between progress checks (sync) or between yields to the event loop (async). */
const PRIMES_BLOCK = 2000;

async function runPrimes(task: PrimesTask, hooks: ExecHooks): Promise<TaskOutput> {
  if (task.hi > task.limit)
    throw new Error(`primes task range ends at ${task.hi}, beyond the limit ${task.limit}`);
  const memo = memoFor(task);
  const lo = Math.max(task.lo, 2);
  const progress = new Progress(Math.max(0, task.hi - lo + 1), hooks);
  let primes: Int32Array;
  if (task.asyncChunks && task.asyncChunks > 1) {
    const chunks = splitInclusive(lo, task.hi, task.asyncChunks);
    const results = await Promise.all(
      chunks.map(async ([start, end]) => {
        const parts: Int32Array[] = [];
        for (const [bStart, bEnd] of splitInclusive(
          start,
          end,
          Math.ceil((end - start + 1) / PRIMES_BLOCK),
        )) {
          await yieldToEventLoop();
          parts.push(primesInRange(bStart, bEnd, memo));
          progress.add(bEnd - bStart + 1);
        }
        return concatPrimeLists(parts);
      }),
    );
    primes = concatPrimeLists(results);
  } else {
    const parts: Int32Array[] = [];
    const blocks = Math.max(1, Math.min(64, Math.ceil((task.hi - lo + 1) / PRIMES_BLOCK)));
    for (const [start, end] of splitInclusive(lo, task.hi, blocks)) {
      parts.push(primesInRange(start, end, memo));
      progress.add(end - start + 1);
    }
    primes = concatPrimeLists(parts);
  }
  return { kind: 'primes', primes: task.fill ? new Int32Array(0) : primes };
}

/** Blocks this thread until `parties` threads have arrived (index 0 counts arrivals). */
function waitAtBarrier(sab: SharedArrayBuffer, parties: number): void {
  const cell = new Int32Array(sab);
  const arrived = Atomics.add(cell, 0, 1) + 1;
  if (arrived >= parties) {
    Atomics.notify(cell, 0);
    return;
  }
  const deadlineMs = performance.now() + 30_000;
  for (;;) {
    const seen = Atomics.load(cell, 0);
    if (seen >= parties) return;
    const leftMs = deadlineMs - performance.now();
    if (leftMs <= 0) throw new Error(`barrier timed out: ${seen} of ${parties} threads arrived`);
    Atomics.wait(cell, 0, seen, leftMs);
  }
}

function matrixBlocks(rows: number, parts: number): Array<[number, number]> {
  return splitInclusive(0, rows - 1, parts).map(([s, e]) => [s, e + 1]);
}

async function runMatrix(given: MatrixTask, hooks: ExecHooks): Promise<TaskOutput> {
  const task = given.shared ? (adoptSharedInput(given) as MatrixTask) : given;
  const { n } = task;
  const rows = task.rowEnd - task.rowStart;
  if (rows < 0 || task.aRows.length !== rows * n || task.b.length !== n * n) {
    throw new Error(
      `matrix task for rows [${task.rowStart}, ${task.rowEnd}) of n=${n} has mismatched data sizes`,
    );
  }
  const c = new Float64Array(rows * n);
  const progress = new Progress(rows, hooks);
  // Row blocks only serve progress reports and yields; multiplyRowsInto works on local row indices here.
  // The ml-matrix kernel converts all of B on every call, so it gets few, large blocks.
  // The tuned kernel streams all of B once per call: blocks of at least WASM_ROWS_PER_CALL rows, though
  // still one per async function.
  const asyncChunks = task.asyncChunks && task.asyncChunks > 1 ? task.asyncChunks : 1;
  const wanted = task.kernel === 'ml-matrix' ? 4 : asyncChunks > 1 ? 64 : 16;
  const tunedCap =
    task.kernel === 'tuned' ? Math.max(asyncChunks, Math.ceil(rows / matrix!.WASM_ROWS_PER_CALL)) : wanted;
  const blockCount = Math.max(1, Math.min(rows, wanted, tunedCap));
  const blocks = matrixBlocks(rows, blockCount);
  if (task.asyncChunks && task.asyncChunks > 1) {
    const groups = splitInclusive(0, blocks.length - 1, task.asyncChunks);
    await Promise.all(
      groups.map(async ([first, last]) => {
        for (let i = first; i <= last; i++) {
          await yieldToEventLoop();
          const [start, end] = blocks[i];
          matrix!.multiplyRowsInto(task.kernel, task.aRows, task.b, n, start, end, c);
          progress.add(end - start);
        }
      }),
    );
  } else {
    for (const [start, end] of blocks) {
      matrix!.multiplyRowsInto(task.kernel, task.aRows, task.b, n, start, end, c);
      progress.add(end - start);
    }
  }
  return { kind: 'matrix', rowStart: task.rowStart, rowEnd: task.rowEnd, c };
}

async function runImages(task: ImagesTask, hooks: ExecHooks): Promise<TaskOutput> {
  if (task.files.length !== task.indices.length)
    throw new Error('images task: files and indices differ in length');
  const progress = new Progress(task.files.length, hooks);
  const files: ImageFileOutcome[] = new Array<ImageFileOutcome>(task.files.length);
  const resizeAt = async (i: number): Promise<void> => {
    files[i] = await images!.resizeFile(task.files[i], task.outDir, task.width, task.height, task.indices[i]);
    progress.add(1);
  };
  if (task.asyncChunks && task.asyncChunks > 1) {
    // Each async function takes its files one after another; sharp runs them on libuv's pool meanwhile.
    const groups = splitInclusive(0, task.files.length - 1, task.asyncChunks);
    await Promise.all(
      groups.map(async ([first, last]) => {
        for (let i = first; i <= last; i++) await resizeAt(i);
      }),
    );
  } else {
    for (let i = 0; i < task.files.length; i++) await resizeAt(i);
  }
  return { kind: 'images', indices: task.indices, files };
}

function runSharedPrimes(task: SharedPrimesTask, hooks: ExecHooks): TaskOutput {
  const counter = new Int32Array(task.counter);
  const flags = new Uint8Array(task.flags);
  const memo = task.memo ? new Uint8Array(task.memo) : undefined;
  if (flags.length < task.limit + 1 || (memo && memo.length < task.limit + 1)) {
    throw new Error(`shared primes buffers are smaller than limit + 1 = ${task.limit + 1}`);
  }
  const progress = new Progress(Math.max(0, task.limit - 1), hooks);
  let items = 0;
  for (;;) {
    const start = Atomics.add(counter, 0, task.chunk);
    if (start > task.limit) break;
    const end = Math.min(start + task.chunk - 1, task.limit);
    if (task.fill && memo) {
      primesInRange(start, end, memo);
    } else if (memo) {
      for (let n = start; n <= end; n++) {
        let cell = memo[n];
        if (cell === MEMO_UNKNOWN) {
          cell = isPrime(n) ? MEMO_PRIME : MEMO_COMPOSITE;
          memo[n] = cell;
        }
        flags[n] = cell === MEMO_PRIME ? 1 : 0;
      }
    } else {
      const found = primesInRange(start, end);
      for (let i = 0; i < found.length; i++) flags[found[i]] = 1;
    }
    items += end - start + 1;
    progress.add(end - start + 1);
  }
  return { kind: 'shared', items };
}

function runSharedMatrix(task: SharedMatrixTask, hooks: ExecHooks): TaskOutput {
  const { n } = task;
  const a = new Float64Array(task.a);
  const b = new Float64Array(task.b);
  const c = new Float64Array(task.c);
  if (a.length !== n * n || b.length !== n * n || c.length !== n * n) {
    throw new Error(`shared matrix buffers do not hold ${n} x ${n} float64 values`);
  }
  const counter = new Int32Array(task.counter);
  const progress = new Progress(n, hooks);
  // One task per worker per repetition: pack B once per repetition, as the copying models do per task.
  matrix!.forgetPackedB();
  let items = 0;
  for (;;) {
    const start = Atomics.add(counter, 0, task.chunk);
    if (start >= n) break;
    const end = Math.min(start + task.chunk, n);
    matrix!.multiplyRowsInto(task.kernel, a, b, n, start, end, c);
    items += end - start;
    progress.add(end - start);
  }
  return { kind: 'shared', items };
}

async function runSharedImages(task: SharedImagesTask, hooks: ExecHooks): Promise<TaskOutput> {
  const counter = new Int32Array(task.counter);
  const progress = new Progress(task.files.length, hooks);
  const indices: number[] = [];
  const files: ImageFileOutcome[] = [];
  for (;;) {
    const index = Atomics.add(counter, 0, 1);
    if (index >= task.files.length) break;
    indices.push(index);
    files.push(await images!.resizeFile(task.files[index], task.outDir, task.width, task.height, index));
    progress.add(1);
  }
  return { kind: 'shared', items: indices.length, indices, files };
}
