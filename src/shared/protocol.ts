// Types-only contract between the orchestrator and the workers (worker_threads, piscina threads) and child
// processes that run tasks. Unions on `type` with correlation ids; both ends import it with `import type`
// and check the `type` discriminant where a message arrives (see hosts/task-link.ts and hosts/serve.ts).
import type { Digest, ImageFileOutcome, MatrixKernel, MemoMode } from './results.js';

/** Test-only fault a worker or child enacts when it receives the task: throw from the task, or exit. */
export type FaultKind = 'throw' | 'exit';

/** Options common to every task. */
interface TaskBase {
  /** Injected failure for tests (see ModelContext.faults). */
  fault?: FaultKind;
  /**
   * Run the task as `asyncChunks` concurrent async functions (Promise.all) that yield to the event loop
   * between sub-blocks: the async model. Absent: a plain loop.
   */
  asyncChunks?: number;
  /**
   * Piscina has no way to address a thread, so a task meant for every thread (a warm-memo fill, the pool's
   * start-up check) is sent as `parties` tasks that each wait here (Int32Array[1] over a SharedArrayBuffer)
   * until all have arrived: every thread takes exactly one.
   */
  barrier?: { sab: SharedArrayBuffer; parties: number };
}

/** Primes in [lo, hi] by trial division, with the given memo mode. */
export interface PrimesTask extends TaskBase {
  kind: 'primes';
  lo: number;
  hi: number;
  /** The case's limit: the per-thread memo cache has limit + 1 cells. */
  limit: number;
  memo: MemoMode;
  /** Identifies one pass (repetition): a `cold` cache is replaced on the first task of a new pass. */
  pass: string;
  /** Fill pass for `warm` memo: the verdicts are cached, the list is not sent back. */
  fill?: boolean;
}

/**
 * Rows [rowStart, rowEnd) of C = A x B; `aRows` holds exactly those rows of A. To a child process the two
 * arrays travel in pieces (see BulkHeader); to a worker thread they travel as `shared` instead.
 */
export interface MatrixTask extends TaskBase {
  kind: 'matrix';
  n: number;
  kernel: MatrixKernel;
  rowStart: number;
  rowEnd: number;
  aRows: Float64Array;
  b: Float64Array;
  /**
   * Worker threads: all of A and B in shared memory (aRows and b are then empty). The worker copies its rows
   * of A and all of B into its own memory before it reports the task received, so it pays the copy a
   * message would have made (counted as transfer) while the orchestrator's thread stays free. `key` names
   * the inputs (size and seed): a long-lived thread keeps its copy of B, and the packing of it, for later
   * tasks with the same key, as a child keeps the B it drew from the seed.
   */
  shared?: { a: SharedArrayBuffer; b: SharedArrayBuffer; key?: string };
  /**
   * Child processes: the seed prepareCase made A and B from (aRows and b are then empty). The child draws its
   * rows of A and all of B from it (engine/workloads/matrix-seeded.ts) instead of receiving 2 x 72 MB at
   * n = 3000, and keeps B while later tasks have the same seed and size; that time is counted as transfer.
   */
  seeded?: number;
}

/** Files resized to width x height into outDir; `indices` are the files' positions in the case's input list. */
export interface ImagesTask extends TaskBase {
  kind: 'images';
  files: string[];
  indices: number[];
  outDir: string;
  width: number;
  height: number;
}

/**
 * Shared-memory tasks: every worker claims chunks of items with Atomics.add on `counter` (Int32Array[1])
 * until none are left, and writes its results into shared memory.
 */
export interface SharedPrimesTask extends TaskBase {
  kind: 'shared-primes';
  counter: SharedArrayBuffer;
  /** Numbers claimed per Atomics.add. */
  chunk: number;
  limit: number;
  /** Uint8Array[limit + 1]: 1 where the number is prime (the output, merged by a scan). */
  flags: SharedArrayBuffer;
  /** Uint8Array[limit + 1] memo cache shared by every thread; absent when memo is off. */
  memo?: SharedArrayBuffer;
  /** Fill pass: only the memo cache is written. */
  fill?: boolean;
}

export interface SharedMatrixTask extends TaskBase {
  kind: 'shared-matrix';
  counter: SharedArrayBuffer;
  /** Rows claimed per Atomics.add. */
  chunk: number;
  n: number;
  kernel: MatrixKernel;
  /** Float64Array[n * n] each, row-major; C is written in place. */
  a: SharedArrayBuffer;
  b: SharedArrayBuffer;
  c: SharedArrayBuffer;
}

export interface SharedImagesTask extends TaskBase {
  kind: 'shared-images';
  counter: SharedArrayBuffer;
  files: string[];
  outDir: string;
  width: number;
  height: number;
}

/** Does nothing: measures dispatch overhead (bench/dispatch.mjs). */
export interface NoopTask extends TaskBase {
  kind: 'noop';
}

// The orchestrator's own heavy steps, run on a helper thread (hosts/helper.ts) so that its event loop only
// waits: making a case's inputs and reference digest, and digesting a merged product.

/** Seeded A and B in shared memory, and the reference digest of A x B (O(n^2), no product). */
export interface PrepareMatrixTask extends TaskBase {
  kind: 'prepare-matrix';
  n: number;
  seed: number;
}

/** The reference digest of the primes up to `limit`, by the sieve. */
export interface ReferencePrimesTask extends TaskBase {
  kind: 'reference-primes';
  limit: number;
}

/**
 * The digest of a full n x n product (Float64Array[n * n]): in shared memory, or an ordinary buffer moved to
 * the helper and moved back with the digest (`returned`), so that no thread is left holding it.
 */
export interface DigestMatrixTask extends TaskBase {
  kind: 'digest-matrix';
  n: number;
  c: SharedArrayBuffer | ArrayBuffer;
}

export type TaskSpec =
  | PrimesTask
  | MatrixTask
  | ImagesTask
  | SharedPrimesTask
  | SharedMatrixTask
  | SharedImagesTask
  | NoopTask
  | PrepareMatrixTask
  | ReferencePrimesTask
  | DigestMatrixTask;
export type TaskKind = TaskSpec['kind'];

/** What a task produced. Shared-memory tasks write their results in place and report the items they claimed. */
export type TaskOutput =
  | { kind: 'primes'; primes: Int32Array }
  | { kind: 'matrix'; rowStart: number; rowEnd: number; c: Float64Array }
  | { kind: 'images'; indices: number[]; files: ImageFileOutcome[] }
  | { kind: 'shared'; items: number; indices?: number[]; files?: ImageFileOutcome[] }
  | { kind: 'prepared-matrix'; a: SharedArrayBuffer; b: SharedArrayBuffer; expected: Digest }
  | { kind: 'digest'; digest: Digest; returned?: ArrayBuffer }
  | { kind: 'none' };

/** The typed-array fields of a task or an output that may travel in pieces. */
export type BulkField = 'aRows' | 'b' | 'c' | 'primes';

/**
 * Between the orchestrator and a child process, large typed arrays do not ride inside the task or result
 * message: the message names them here (its own copy of the field is empty) and `chunk` messages of at most
 * BULK_CHUNK_BYTES (hosts/bulk.ts) follow, so that neither side serialises or parses tens of MB at once.
 */
export interface BulkHeader {
  field: BulkField;
  type: 'float64' | 'int32';
  length: number;
  /**
   * Results only: the field's bytes are in this file (in the temp folder, written by the child) instead of
   * following as chunks; the receiver reads it without blocking its event loop and removes it.
   */
  file?: string;
}

/** One piece of a bulk field of task (or result) `id`, to be written at element `offset`. */
export interface ChunkMessage {
  type: 'chunk';
  id: number;
  field: BulkField;
  offset: number;
  data: Float64Array | Int32Array;
}

/** Orchestrator -> worker thread or child process. */
export type ToWorker =
  | { type: 'task'; id: number; task: TaskSpec; bulk?: BulkHeader[] }
  | ChunkMessage
  | { type: 'ping'; id: number }
  | { type: 'shutdown' };

/** Timings and resource figures a worker attaches to every result. Clocks: performance.timeOrigin + now(). */
export interface TaskReport {
  /** Time spent executing the task, measured inside the worker. */
  computeMs: number;
  /** Time spent loading kernel modules on the worker's first task of a kind (sharp, matrix), before computeMs. */
  loadMs: number;
  /**
   * Epoch time (ms, sub-ms precision) when the worker held the whole task: its message and every chunk
   * arrived, and shared input copied into its own memory.
   */
  receivedAtMs: number;
  /** Epoch time just before the result (or its first chunk) was posted. */
  postedAtMs: number;
  /** Child processes only: process.cpuUsage() delta over the task (user + system). */
  cpuMs?: number;
  /** Child processes only: CPU time since the process started (cold models count all of it). */
  cpuTotalMs?: number;
  /** Child processes only: process.resourceUsage().maxRSS in bytes. */
  peakRssBytes?: number;
}

/** Worker thread or child process -> orchestrator. */
export type FromWorker =
  | { type: 'ready'; startupMs?: number }
  | { type: 'progress'; id: number; done: number; total: number }
  | ({ type: 'result'; id: number; output: TaskOutput; bulk?: BulkHeader[] } & TaskReport)
  | ChunkMessage
  | { type: 'error'; id: number; message: string; stack?: string }
  | { type: 'pong'; id: number };

/** What the piscina task function (hosts/pool-task.ts) resolves with: errors come back as data, with the thread. */
export type PoolReply =
  | ({ ok: true; threadId: number; output: TaskOutput } & TaskReport)
  | { ok: false; threadId: number; message: string; stack?: string };
