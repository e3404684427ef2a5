// The shapes of scaling analyses (a sweep's points and models, a break-even search's points and verdicts),
// apart from the code that computes and words them, so the analysis and its text import them without a circle.
import type { ModelId, ModelResult, WorkloadId } from './results.js';

export interface SweepPoint {
  model: ModelId;
  workers: number;
  size: number;
  /** More workers than logical CPUs. */
  oversubscribed: boolean;
  status: ModelResult['status'];
  medianMs: number | null;
  ci95Ms: [number, number] | null;
  /** Over the same model at 1 worker (weak: the scaled speed-up n x T(1) / T(n)), with its bootstrap CI. */
  speedup: number | null;
  speedupCi: [number, number] | null;
  /** Over sequential on the same size. */
  speedupVsSequential: number | null;
  /** speedup / workers. */
  efficiency: number | null;
  efficiencyCi: [number, number] | null;
  karpFlatt: number | null;
}

export interface SweepModel {
  model: ModelId;
  points: SweepPoint[];
  bestWorkers: number | null;
  /** Amdahl fit over the counts up to the CPU count (strong scaling). */
  amdahl: { serialFraction: number; ci95: [number, number] | null } | null;
  /** Gustafson fit over the counts up to the CPU count (weak scaling). */
  gustafson: { serialFraction: number; ci95: [number, number] | null } | null;
  conclusions: string[];
}

export interface SweepAnalysis {
  kind: 'sweep';
  workload: WorkloadId;
  weak: boolean;
  cpuCount: number;
  workerCounts: number[];
  /** Sequential's median per size (strong: one size). */
  sequential: Array<{ size: number; medianMs: number; ci95Ms: [number, number] }>;
  models: SweepModel[];
  conclusions: string[];
}

export interface BreakEvenPoint {
  size: number;
  modelMs: number;
  sequentialMs: number;
  /** sequential / model: above 1 the model is faster. */
  speedup: number;
}

export interface BreakEvenModel {
  model: ModelId;
  points: BreakEvenPoint[];
  /** crosses: slower below, faster above; always: faster at the smallest size tried; never: slower at the largest. */
  verdict: 'crosses' | 'always' | 'never' | 'unmeasured';
  /** The estimated size where both take as long (fitted around the bracket: fitCrossing), with a bootstrap CI. */
  crossing: { size: number; ci95: [number, number]; bracket: [number, number] } | null;
  reason: string;
}

export interface BreakEvenAnalysis {
  kind: 'break-even';
  workload: WorkloadId;
  workers: number;
  minSize: number;
  maxSize: number;
  sequential: Array<{ size: number; medianMs: number }>;
  models: BreakEvenModel[];
  conclusions: string[];
}

export interface PairedPoint extends BreakEvenPoint {
  modelTimes: number[];
  sequentialTimes: number[];
  result: ModelResult;
}
