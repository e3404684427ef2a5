// Executes one TaskSpec inside a worker thread, a piscina thread or a child process. The same code runs every
// model's share of the work, so the models differ only in how work is handed out and collected; each kind of
// task is executed in exec/ (primes, matrix, images, shared), this file dispatches and injects faults.
import type { TaskOutput, TaskSpec } from '../../shared/protocol.js';
import { primesDigest, sievePrimes } from '../workloads/primes.js';
import { waitAtBarrier } from './exec/barrier.js';
import { runImages } from './exec/images.js';
import { loadKernels } from './exec/kernels.js';
import { digestMatrix, prepareMatrix, runMatrix } from './exec/matrix.js';
import { runPrimes } from './exec/primes.js';
import type { ExecHooks } from './exec/progress.js';
import { runSharedImages, runSharedMatrix, runSharedPrimes } from './exec/shared.js';

export { epochNowMs } from './clock.js';
export { loadKernels } from './exec/kernels.js';
export { adoptSharedInput } from './exec/matrix.js';
export { PROGRESS_INTERVAL_MS, type ExecHooks } from './exec/progress.js';

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

/** Buffers of an output that can be moved rather than copied to the orchestrator (worker threads only). */
export function transferablesOf(output: TaskOutput): ArrayBuffer[] {
  if (output.kind === 'primes' && output.primes.buffer instanceof ArrayBuffer) return [output.primes.buffer];
  if (output.kind === 'matrix' && output.c.buffer instanceof ArrayBuffer) return [output.c.buffer];
  if (output.kind === 'digest' && output.returned) return [output.returned];
  return [];
}
