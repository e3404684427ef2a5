// Executing matrix tasks: a share of the product C = A x B (its inputs adopted from shared memory or drawn
// from the seed), and the helper thread's jobs of making a case's matrices and digesting a product.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type {
  DigestMatrixTask,
  MatrixTask,
  PrepareMatrixTask,
  TaskOutput,
  TaskSpec,
} from '../../../shared/protocol.js';
import { generateSeededInput } from '../../workloads/matrix-seeded.js';
import { matrix } from './kernels.js';
import { Progress, type ExecHooks } from './progress.js';
import { splitInclusive } from './split.js';

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

/** Makes a case's A and B in shared memory from its seed, with their reference digest. */
export function prepareMatrix(task: PrepareMatrixTask): TaskOutput {
  const { n, seed } = task;
  const made = matrix!.makeMatrices(n, seed);
  const bytes = n * n * Float64Array.BYTES_PER_ELEMENT;
  const a = new SharedArrayBuffer(bytes);
  const b = new SharedArrayBuffer(bytes);
  new Float64Array(a).set(made.a);
  new Float64Array(b).set(made.b);
  return { kind: 'prepared-matrix', a, b, expected: matrix!.matrixReferenceDigest(made.a, made.b, n) };
}

/** Digests a product, handing its buffer back when it was moved here. */
export function digestMatrix(task: DigestMatrixTask): TaskOutput {
  const c = new Float64Array(task.c);
  if (c.length !== task.n * task.n)
    throw new Error(`digest-matrix: C does not hold ${task.n} x ${task.n} values`);
  const digest = matrix!.matrixDigest(c, task.n);
  return task.c instanceof ArrayBuffer
    ? { kind: 'digest', digest, returned: task.c }
    : { kind: 'digest', digest };
}

function matrixBlocks(rows: number, parts: number): Array<[number, number]> {
  return splitInclusive(0, rows - 1, parts).map(([s, e]) => [s, e + 1]);
}

/** Multiplies the task's rows of A by B, in blocks (or async functions over blocks) for progress and yields. */
export async function runMatrix(given: MatrixTask, hooks: ExecHooks): Promise<TaskOutput> {
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
