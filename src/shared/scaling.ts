// Scaling analytics: what a sweep over worker counts and a break-even search over sizes mean, computed from
// their results alone. Pure (no Node or DOM imports), so the CLI, the exporters, `cbench compare` and the
// GUI all read the same numbers from a run, live or from the history.
// The analyses live beside this file (plan, fits, sweep, break-even, text); this one picks the right one
// for a run and re-exports them, so callers import from one place.
import type { ModelResult } from './results.js';
import { analyzeBreakEven, type BreakEvenAnalysis } from './scaling-break-even.js';
import type { ScalingPlan } from './scaling-plan.js';
import { analyzeSweep, type SweepAnalysis } from './scaling-sweep.js';

export * from './scaling-plan.js';
export { amdahlSerialFraction, bestWorkerCount, gustafsonSerialFraction, karpFlatt } from './scaling-fits.js';
export * from './scaling-sweep.js';
export * from './scaling-break-even.js';

export type ScalingAnalysis = SweepAnalysis | BreakEvenAnalysis;

/** The analysis of a sweep or break-even run from its spec and results; null for a plain suite. */
export function analyzeScaling(
  spec: { scaling?: ScalingPlan },
  results: readonly ModelResult[],
): ScalingAnalysis | null {
  const plan = spec.scaling;
  if (!plan) return null;
  return plan.kind === 'sweep' ? analyzeSweep(plan, results) : analyzeBreakEven(plan, results);
}
