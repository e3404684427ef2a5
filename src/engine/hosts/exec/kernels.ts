// Loading the kernel modules a task needs, once per thread or process, only where they are needed.
import { performance } from 'node:perf_hooks';
import type { TaskSpec } from '../../../shared/protocol.js';
import type * as ImagesModule from '../../workloads/images.js';
import type * as MatrixModule from '../../workloads/matrix.js';

// sharp (~200 ms) and the matrix kernels (~90 ms) load only in workers that need them, so a worker doing
// primes does not pay for sharp; loadKernels is awaited before the compute clock starts and reported apart.
export let images: typeof ImagesModule | undefined;
export let matrix: typeof MatrixModule | undefined;

/** Loads the kernel modules `task` needs (once per thread/process); resolves with the time it took in ms. */
export async function loadKernels(task: TaskSpec): Promise<number> {
  const startMs = performance.now();
  if ((task.kind === 'images' || task.kind === 'shared-images') && !images) {
    images = await import('../../workloads/images.js');
  }
  const needsMatrix =
    task.kind === 'matrix' ||
    task.kind === 'shared-matrix' ||
    task.kind === 'prepare-matrix' ||
    task.kind === 'digest-matrix';
  if (needsMatrix && !matrix) {
    matrix = await import('../../workloads/matrix.js');
  }
  return performance.now() - startMs;
}
