// Executing the shared-memory model's tasks: workers claim work with Atomics.add on a shared counter and write
// results in place (prime flags, rows of C), or claim image files one by one.
import type { ImageFileOutcome } from '../../../shared/results.js';
import type {
  SharedImagesTask,
  SharedMatrixTask,
  SharedPrimesTask,
  TaskOutput,
} from '../../../shared/protocol.js';
import { isPrime, MEMO_COMPOSITE, MEMO_PRIME, MEMO_UNKNOWN, primesInRange } from '../../workloads/primes.js';
import { images, matrix } from './kernels.js';
import { Progress, type ExecHooks } from './progress.js';

/** Claims chunks of numbers until none are left, marking primes in the shared flags (through the shared memo). */
export function runSharedPrimes(task: SharedPrimesTask, hooks: ExecHooks): TaskOutput {
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

/** Claims chunks of rows until none are left, writing them straight into the shared C. */
export function runSharedMatrix(task: SharedMatrixTask, hooks: ExecHooks): TaskOutput {
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

/** Claims files one at a time until none are left. */
export async function runSharedImages(task: SharedImagesTask, hooks: ExecHooks): Promise<TaskOutput> {
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
