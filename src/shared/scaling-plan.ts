// The shape of scaling runs: run kinds, the sweep and break-even plans a spec carries, and the size a case
// grows by. Pure types and tiny helpers shared by the engine, the CLI, the store and the GUI.
import type { ModelId, WorkloadId, WorkloadParams } from './results.js';

/** What kind of run a history row is: a suite, a scaling sweep, or a break-even search. */
export const RUN_KINDS = ['suite', 'sweep', 'break-even'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** The models that take a worker count; sequential is every analysis's baseline, async has no workers. */
export const PARALLEL_MODEL_IDS = [
  'worker-threads',
  'worker-pool',
  'processes',
  'process-pool',
  'shared-memory',
] as const satisfies readonly ModelId[];

/** A sweep: every model at every worker count, on one workload. */
export interface SweepPlan {
  kind: 'sweep';
  workload: WorkloadId;
  workerCounts: number[];
  /** Gustafson's view: the size grows with the worker count so that the work per worker stays the same. */
  weak: boolean;
  /** Logical CPUs of the machine it ran on: counts above it are oversubscribed. */
  cpuCount: number;
}

/** A break-even search: the size at which each model overtakes sequential, between two bounds. */
export interface BreakEvenPlan {
  kind: 'break-even';
  workload: WorkloadId;
  workers: number;
  minSize: number;
  maxSize: number;
  cpuCount: number;
}

export type ScalingPlan = SweepPlan | BreakEvenPlan;

/** What the GUI asks for on top of a custom run request (one workload) to get a sweep or a search. */
export type ScalingRequest =
  | { kind: 'sweep'; workerCounts?: number[]; weak?: boolean }
  | { kind: 'break-even'; minSize?: number; maxSize?: number };

/** The size a case grows by: primes' limit, matrix n, the number of image files. */
export function sizeOf(params: WorkloadParams): number {
  if (params.workload === 'primes') return params.limit;
  if (params.workload === 'matrix') return params.size;
  return params.inputs.length;
}

/** The kind of run a spec describes. */
export function runKindOf(spec: { scaling?: ScalingPlan }): RunKind {
  return spec.scaling?.kind ?? 'suite';
}
