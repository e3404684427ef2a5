// The shape of scaling runs: run kinds, the sweep and break-even plans a spec carries (declared in results.ts), and the size a case
// grows by. Pure types and tiny helpers shared by the engine, the CLI, the store and the GUI.
import type { ModelId, ScalingPlan, WorkloadParams } from './results.js';

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

export type { BreakEvenPlan, ScalingPlan, SweepPlan } from './results.js';

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

/** The same case at another size; images cycle through the given files (outputs are numbered, so repeats are fine). */
export function withSize(params: WorkloadParams, size: number): WorkloadParams {
  if (params.workload === 'primes') return { ...params, limit: size };
  if (params.workload === 'matrix') return { ...params, size };
  const pool = params.inputs;
  return { ...params, inputs: Array.from({ length: size }, (_, i) => pool[i % pool.length]) };
}

/**
 * The parameters of a case a break-even search added after its plan, from its id (the engine's caseFor
 * format, "primes:limit=20000:memo=off", with "#2" when a size is measured again) and the plan's case:
 * the GUI lists each point as it starts, before any result carries its parameters. Null for another id.
 */
export function searchCaseParams(template: WorkloadParams, caseId: string): WorkloadParams | null {
  const key = template.workload === 'primes' ? 'limit' : template.workload === 'matrix' ? 'size' : 'files';
  const match = new RegExp(`^${template.workload}:(?:.*:)?${key}=(\\d+)(?::|#|$)`).exec(caseId);
  return match ? withSize(template, Number(match[1])) : null;
}
