// The prepared inputs of each workload, as models receive them in PreparedCase.input, and the shapes the
// work is cut into and put back together from: item ranges and merged outputs.
import type { ImageFileOutcome, MatrixKernel, MemoMode } from '../../shared/results.js';
import type { HelperThread } from '../hosts/helper.js';
import type { PreparedCase } from '../models/types.js';

/** A primes case: count primes up to `limit`, with memoization `memo`. */
export interface PrimesInput {
  workload: 'primes';
  limit: number;
  memo: MemoMode;
}
/** A matrix case: C = A x B for seeded n x n matrices, by `kernel`. */
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
/** An images case: resize `files` to width x height into the case's folder. */
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

/** The workload-specific input of a prepared case, checked. */
export function caseInput(prepared: PreparedCase): CaseInput {
  const input = prepared.input as CaseInput | undefined;
  if (!input || (input.workload !== 'primes' && input.workload !== 'matrix' && input.workload !== 'images')) {
    throw new Error(`case ${prepared.spec.id} was not prepared by prepareCase`);
  }
  return input;
}
