// Break-even analysis: where each model overtakes sequential as the size grows (with a CI), or why it never
// does within the bounds, from a search's paired measurements.
import { seededRng } from './random.js';
import type { ModelId, ModelResult, WorkloadId } from './results.js';
import { medianOf, percentileCi, RESAMPLES, resampledMedian, wallTimes } from './scaling-fits.js';
import { sizeOf, type BreakEvenPlan } from './scaling-plan.js';
import { neverReason } from './scaling-text.js';

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
  /** The estimated size where both take as long (log-log interpolation), with a bootstrap CI. */
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

/** Each of `model`'s measured sizes with sequential measured on the same case, smallest size first. */
export function breakEvenPoints(model: ModelId, results: readonly ModelResult[]): PairedPoint[] {
  const out: PairedPoint[] = [];
  for (const r of results) {
    if (r.model !== model) continue;
    const modelTimes = wallTimes(r);
    const sequentialTimes = wallTimes(results.find((s) => s.caseId === r.caseId && s.model === 'sequential'));
    if (!modelTimes || !sequentialTimes) continue;
    const modelMs = medianOf(modelTimes);
    const sequentialMs = medianOf(sequentialTimes);
    out.push({
      size: sizeOf(r.params),
      modelMs,
      sequentialMs,
      speedup: sequentialMs / modelMs,
      modelTimes,
      sequentialTimes,
      result: r,
    });
  }
  return out.sort((a, b) => a.size - b.size);
}

/**
 * The bracket [slower, faster] of the crossing: the smallest size from which the model is faster at every
 * larger measured size, and the measured size just below it. Null where no such pair exists yet.
 */
export function crossingBracket(points: readonly BreakEvenPoint[]): [BreakEvenPoint, BreakEvenPoint] | null {
  let i = points.length - 1;
  if (i < 0 || points[i].speedup <= 1) return null;
  while (i > 0 && points[i - 1].speedup > 1) i--;
  return i === 0 ? null : [points[i - 1], points[i]];
}

/** Where log(model / sequential) crosses 0 between two sizes, linear in log size; clamped to the bracket. */
function interpolateCrossing(lo: number, hi: number, ratioLo: number, ratioHi: number): number {
  const a = Math.log(ratioLo);
  const b = Math.log(ratioHi);
  if (!(a > 0) || !(b < 0)) return a <= 0 ? lo : hi;
  const t = a / (a - b);
  return Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)));
}

/** Per model: where it overtakes sequential (with a CI), or why it never does within the bounds. */
export function analyzeBreakEven(
  plan: BreakEvenPlan,
  results: readonly ModelResult[],
  seed = 0xb4ea1,
): BreakEvenAnalysis {
  const sequential = results
    .filter((r) => r.model === 'sequential' && r.summary && wallTimes(r))
    .map((r) => ({ size: sizeOf(r.params), medianMs: r.summary!.medianMs }))
    .sort((a, b) => a.size - b.size);
  const modelIds = [...new Set(results.map((r) => r.model))].filter((m) => m !== 'sequential');
  const rng = seededRng(seed);
  const models = modelIds.map((model): BreakEvenModel => {
    const points = breakEvenPoints(model, results);
    const shown = points.map(({ size, modelMs, sequentialMs, speedup }) => ({
      size,
      modelMs,
      sequentialMs,
      speedup,
    }));
    if (points.length === 0) {
      const failed = results.find((r) => r.model === model && r.status === 'failed');
      return {
        model,
        points: shown,
        verdict: 'unmeasured',
        crossing: null,
        reason: failed?.reason ? `no verified measurement: ${failed.reason}` : 'no verified measurement',
      };
    }
    const bracket = crossingBracket(points);
    if (bracket) {
      const [lo, hi] = bracket as [PairedPoint, PairedPoint];
      const size = interpolateCrossing(
        lo.size,
        hi.size,
        lo.modelMs / lo.sequentialMs,
        hi.modelMs / hi.sequentialMs,
      );
      const boot: number[] = [];
      for (let k = 0; k < RESAMPLES; k++) {
        const rLo = resampledMedian(lo.modelTimes, rng) / resampledMedian(lo.sequentialTimes, rng);
        const rHi = resampledMedian(hi.modelTimes, rng) / resampledMedian(hi.sequentialTimes, rng);
        boot.push(interpolateCrossing(lo.size, hi.size, rLo, rHi));
      }
      const ci95 = percentileCi(boot) ?? [lo.size, hi.size];
      return {
        model,
        points: shown,
        verdict: 'crosses',
        crossing: { size, ci95, bracket: [lo.size, hi.size] },
        reason: `slower than sequential at ${lo.size}, faster from ${hi.size}`,
      };
    }
    const last = points[points.length - 1];
    if (last.speedup > 1) {
      return {
        model,
        points: shown,
        verdict: 'always',
        crossing: null,
        reason: `already faster than sequential at the smallest size tried (${points[0].size})`,
      };
    }
    return { model, points: shown, verdict: 'never', crossing: null, reason: neverReason(plan, points) };
  });
  const conclusions = models.map((m) => {
    if (m.verdict === 'crosses' && m.crossing) {
      const c = m.crossing;
      return `${m.model}: pays off from about ${Math.round(c.size)} (95% CI ${Math.round(c.ci95[0])} to ${Math.round(c.ci95[1])})`;
    }
    return `${m.model}: ${m.verdict === 'never' ? 'never pays off up to ' + plan.maxSize + ': ' : ''}${m.reason}`;
  });
  return {
    kind: 'break-even',
    workload: plan.workload,
    workers: plan.workers,
    minSize: plan.minSize,
    maxSize: plan.maxSize,
    sequential,
    models,
    conclusions,
  };
}
