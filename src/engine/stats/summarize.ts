// Robust summary of one (case, model)'s repetitions: median and MAD rather than mean and standard deviation,
// because timings on a shared machine have a long right tail that a single slow repetition would dominate.
import type { Summary } from '../../shared/results.js';
import { seededRng } from './shuffle.js';

/** Scales the raw median absolute deviation so that it estimates the standard deviation for normal data. */
export const MAD_SCALE = 1.4826;
/** Iglewicz & Hoaglin's cut-off for the modified z-score: above it a repetition is flagged as an outlier. */
export const OUTLIER_Z = 3.5;
export const BOOTSTRAP_RESAMPLES = 2000;
const DEFAULT_SEED = 0x5eed;

/** Quantile of already sorted values by linear interpolation between order statistics (R's type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('quantile of an empty list');
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median of unsorted values. */
export function median(values: readonly number[]): number {
  return quantileSorted(
    values.slice().sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Median, MAD (scaled by 1.4826, so comparable to a standard deviation), mean, min, max, a seeded 95%
 * bootstrap CI of the median, and outliers by modified z-score > 3.5 (flagged by index, never dropped).
 */
export function summarize(valuesMs: readonly number[], seed: number = DEFAULT_SEED): Summary {
  const n = valuesMs.length;
  if (n === 0) throw new Error('summarize needs at least one value');
  for (const v of valuesMs) {
    if (!Number.isFinite(v)) throw new Error(`summarize got a non-finite value: ${v}`);
  }
  const sorted = valuesMs.slice().sort((a, b) => a - b);
  const med = quantileSorted(sorted, 0.5);
  const rawMad = median(valuesMs.map((v) => Math.abs(v - med)));
  const madMs = rawMad * MAD_SCALE;
  const meanMs = valuesMs.reduce((sum, v) => sum + v, 0) / n;
  return {
    n,
    medianMs: med,
    madMs,
    meanMs,
    minMs: sorted[0],
    maxMs: sorted[n - 1],
    ci95Ms: bootstrapMedianCi(valuesMs, seed),
    outliers: outlierIndices(valuesMs, med, rawMad),
    relativeSpread: med > 0 ? madMs / med : 0,
  };
}

/** Percentile bootstrap of the median: resample with replacement, take the 2.5th and 97.5th percentiles. */
function bootstrapMedianCi(values: readonly number[], seed: number): [number, number] {
  const n = values.length;
  if (n === 1) return [values[0], values[0]];
  const rng = seededRng(seed);
  const medians = new Float64Array(BOOTSTRAP_RESAMPLES);
  const resample = new Float64Array(n);
  for (let r = 0; r < BOOTSTRAP_RESAMPLES; r++) {
    for (let i = 0; i < n; i++) resample[i] = values[Math.floor(rng() * n)];
    resample.sort();
    medians[r] = quantileSorted(resample, 0.5);
  }
  medians.sort();
  return [quantileSorted(medians, 0.025), quantileSorted(medians, 0.975)];
}

/**
 * Modified z-score 0.6745 (x - median) / MAD on the raw MAD. When more than half the values are equal the
 * MAD is 0 and the score is undefined; Iglewicz & Hoaglin then use 1.2533 x mean absolute deviation instead,
 * so one slow repetition among identical ones is still caught.
 */
function outlierIndices(values: readonly number[], med: number, rawMad: number): number[] {
  let score: (v: number) => number;
  if (rawMad > 0) {
    score = (v) => (0.6745 * (v - med)) / rawMad;
  } else {
    const meanAbsDev = values.reduce((sum, v) => sum + Math.abs(v - med), 0) / values.length;
    if (meanAbsDev === 0) return [];
    score = (v) => (v - med) / (1.253314 * meanAbsDev);
  }
  const out: number[] = [];
  values.forEach((v, i) => {
    if (Math.abs(score(v)) > OUTLIER_Z) out.push(i);
  });
  return out;
}
