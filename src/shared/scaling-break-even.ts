// Break-even analysis: where each model overtakes sequential as the size grows (with a CI), or why it never
// does within the bounds, from a search's paired measurements.
import { seededRng } from './random.js';
import type { ModelId, ModelResult } from './results.js';
import { medianOf, percentileCi, RESAMPLES, resampledMedian, wallTimes } from './scaling-fits.js';
import { sizeOf, type BreakEvenPlan } from './scaling-plan.js';
import { alwaysReason, neverReason } from './scaling-text.js';
import type { BreakEvenAnalysis, BreakEvenModel, BreakEvenPoint, PairedPoint } from './scaling-types.js';

export type { BreakEvenAnalysis, BreakEvenModel, BreakEvenPoint, PairedPoint } from './scaling-types.js';

/**
 * Each size `model` was measured at, with sequential measured on the same cases, smallest size first. A size
 * measured more than once (the search re-measures a doubtful point) pools the repetitions of every case.
 */
export function breakEvenPoints(model: ModelId, results: readonly ModelResult[]): PairedPoint[] {
  const bySize = new Map<number, { modelTimes: number[]; sequentialTimes: number[]; result: ModelResult }>();
  for (const r of results) {
    if (r.model !== model) continue;
    const modelTimes = wallTimes(r);
    const sequentialTimes = wallTimes(results.find((s) => s.caseId === r.caseId && s.model === 'sequential'));
    if (!modelTimes || !sequentialTimes) continue;
    const size = sizeOf(r.params);
    const pooled = bySize.get(size);
    if (pooled) {
      pooled.modelTimes.push(...modelTimes);
      pooled.sequentialTimes.push(...sequentialTimes);
      pooled.result = r;
    } else {
      bySize.set(size, { modelTimes: [...modelTimes], sequentialTimes: [...sequentialTimes], result: r });
    }
  }
  return [...bySize.entries()]
    .map(([size, { modelTimes, sequentialTimes, result }]) => {
      const modelMs = medianOf(modelTimes);
      const sequentialMs = medianOf(sequentialTimes);
      return {
        size,
        modelMs,
        sequentialMs,
        speedup: sequentialMs / modelMs,
        modelTimes,
        sequentialTimes,
        result,
      };
    })
    .sort((a, b) => a.size - b.size);
}

/**
 * The bracket [slower, faster] of the crossing: the smallest size from which the model is faster at every
 * larger measured size, and the measured size just below it. Null where no such pair exists yet.
 */
export function crossingBracket<P extends BreakEvenPoint>(points: readonly P[]): [P, P] | null {
  let i = points.length - 1;
  if (i < 0 || points[i].speedup <= 1) return null;
  while (i > 0 && points[i - 1].speedup > 1) i--;
  return i === 0 ? null : [points[i - 1], points[i]];
}

/**
 * The crossing is fitted over the points within this factor of the bracket's ends, not read from the two
 * bracketing points alone: near the crossing both times are close, so one noisy point would move it far.
 */
export const CROSSING_FIT_WINDOW = 4;

/** Where log(model / sequential) crosses 0 between two sizes, linear in log size; clamped to the bracket. */
function interpolateCrossing(lo: number, hi: number, ratioLo: number, ratioHi: number): number {
  const a = Math.log(ratioLo);
  const b = Math.log(ratioHi);
  if (!(a > 0) || !(b < 0)) return a <= 0 ? lo : hi;
  const t = a / (a - b);
  return Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)));
}

/**
 * The size where model and sequential take as long, from a fit over several points. A parallel model costs
 * a fixed part (start-up, messages) plus its share of the same computation sequential does, so its time is
 * a line in sequential's time: T_model = fixed + share x T_seq (weighted by 1/T_model^2, so each point counts
 * by its relative error). They are equal at T* = fixed / (1 - share); the size sequential takes T* at comes
 * from a power-law fit of sequential's time over the same sizes. Null when the line does not cross (a share
 * of 1 or more, no fixed cost), so the caller falls back to interpolating the bracket.
 */
export function fitCrossing(
  points: ReadonlyArray<{ size: number; modelMs: number; sequentialMs: number }>,
): number | null {
  if (new Set(points.map((p) => p.size)).size < 2) return null;
  const line = weightedLine(points.map((p) => ({ x: p.sequentialMs, y: p.modelMs, w: 1 / p.modelMs ** 2 })));
  if (!line || !(line.slope < 1) || !(line.intercept > 0)) return null;
  const crossingMs = line.intercept / (1 - line.slope);
  const power = weightedLine(points.map((p) => ({ x: Math.log(p.size), y: Math.log(p.sequentialMs), w: 1 })));
  if (!power || !(power.slope > 0)) return null;
  const size = Math.exp((Math.log(crossingMs) - power.intercept) / power.slope);
  return Number.isFinite(size) ? size : null;
}

function weightedLine(
  points: ReadonlyArray<{ x: number; y: number; w: number }>,
): { slope: number; intercept: number } | null {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (const { x, y, w } of points) {
    sw += w;
    sx += w * x;
    sy += w * y;
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (const { x, y, w } of points) {
    sxx += w * (x - mx) ** 2;
    sxy += w * (x - mx) * (y - my);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** The crossing from `window` (fit, else the bracket's interpolation), kept within the window's sizes. */
function estimateCrossing(
  window: ReadonlyArray<{ size: number; modelMs: number; sequentialMs: number }>,
  lo: { size: number; modelMs: number; sequentialMs: number },
  hi: { size: number; modelMs: number; sequentialMs: number },
): number {
  const fitted = fitCrossing(window);
  if (fitted === null) {
    return interpolateCrossing(lo.size, hi.size, lo.modelMs / lo.sequentialMs, hi.modelMs / hi.sequentialMs);
  }
  const sizes = window.map((p) => p.size);
  return Math.min(Math.max(fitted, Math.min(...sizes)), Math.max(...sizes));
}

/**
 * Whether a point says faster or slower beyond its noise: the bootstrap 95% CI of the speed-up (ratio of
 * medians) lies wholly above or below 1; 'unsure' when it straddles 1.
 */
export function pointSide(
  point: Pick<PairedPoint, 'modelTimes' | 'sequentialTimes'>,
  seed = 0x51de,
  resamples = 400,
): 'faster' | 'slower' | 'unsure' {
  const rng = seededRng(seed);
  const boot: number[] = [];
  for (let k = 0; k < resamples; k++)
    boot.push(resampledMedian(point.sequentialTimes, rng) / resampledMedian(point.modelTimes, rng));
  const ci = percentileCi(boot);
  if (!ci) return 'unsure';
  return ci[0] > 1 ? 'faster' : ci[1] < 1 ? 'slower' : 'unsure';
}

/** Per model: where it overtakes sequential (with a CI), or why it never does within the bounds. */
export function analyzeBreakEven(
  plan: BreakEvenPlan,
  results: readonly ModelResult[],
  seed = 0xb4ea1,
): BreakEvenAnalysis {
  // Sequential's median per size, pooled like the models' points where a size was measured again.
  const sequentialTimes = new Map<number, number[]>();
  for (const r of results) {
    const times = r.model === 'sequential' ? wallTimes(r) : null;
    if (!times) continue;
    const size = sizeOf(r.params);
    sequentialTimes.set(size, [...(sequentialTimes.get(size) ?? []), ...times]);
  }
  const sequential = [...sequentialTimes.entries()]
    .map(([size, times]) => ({ size, medianMs: medianOf(times) }))
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
      const [lo, hi] = bracket;
      const window = points.filter(
        (p) => p.size >= lo.size / CROSSING_FIT_WINDOW && p.size <= hi.size * CROSSING_FIT_WINDOW,
      );
      const size = estimateCrossing(window, lo, hi);
      const boot: number[] = [];
      for (let k = 0; k < RESAMPLES; k++) {
        const resampled = window.map((p) => ({
          size: p.size,
          modelMs: resampledMedian(p.modelTimes, rng),
          sequentialMs: resampledMedian(p.sequentialTimes, rng),
        }));
        const at = (q: PairedPoint) => resampled[window.indexOf(q)];
        boot.push(estimateCrossing(resampled, at(lo), at(hi)));
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
        reason: alwaysReason(points),
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
