// The statistics scaling analyses are built from: verified wall times, medians, bootstrap CIs, and the
// serial-fraction fits (Amdahl, Gustafson, Karp-Flatt) and best-worker-count rule of a sweep.
import type { ModelResult } from './results.js';

/** Bootstrap resamples for the CIs of speed-ups, fits and crossings. */
export const RESAMPLES = 1000;

/** Verified wall times of a result, or null when it has none worth using. */
export function wallTimes(result: ModelResult | undefined): number[] | null {
  if (!result || result.samples.length === 0) return null;
  if (result.status === 'failed') return null;
  if (!result.samples.every((s) => s.verification.ok)) return null;
  return result.samples.map((s) => s.wallMs);
}

export function medianOf(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
}

export function resampledMedian(values: readonly number[], rng: () => number): number {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[Math.floor(rng() * values.length)];
  return medianOf(out);
}

/** The 2.5th and 97.5th percentiles of bootstrap estimates (non-finite ones dropped). */
export function percentileCi(estimates: number[]): [number, number] | null {
  const finite = estimates.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const at = (q: number): number => finite[Math.min(finite.length - 1, Math.floor(q * finite.length))];
  return [at(0.025), at(0.975)];
}

/** Amdahl: S(n) = 1 / (s + (1 - s) / n). Least squares of 1/S - 1/n = s (1 - 1/n), through the origin. */
export function amdahlSerialFraction(
  points: ReadonlyArray<{ workers: number; speedup: number }>,
): number | null {
  let sxy = 0;
  let sxx = 0;
  for (const { workers: n, speedup } of points) {
    if (n <= 1 || !(speedup > 0)) continue;
    const x = 1 - 1 / n;
    sxy += x * (1 / speedup - 1 / n);
    sxx += x * x;
  }
  return sxx > 0 ? sxy / sxx : null;
}

/** Gustafson: scaled speed-up S(n) = n - s (n - 1). Least squares of n - S = s (n - 1). */
export function gustafsonSerialFraction(
  points: ReadonlyArray<{ workers: number; speedup: number }>,
): number | null {
  let sxy = 0;
  let sxx = 0;
  for (const { workers: n, speedup } of points) {
    if (n <= 1 || !Number.isFinite(speedup)) continue;
    sxy += (n - 1) * (n - speedup);
    sxx += (n - 1) * (n - 1);
  }
  return sxx > 0 ? sxy / sxx : null;
}

/** Karp-Flatt experimentally determined serial fraction: (1/S - 1/n) / (1 - 1/n); null at one worker. */
export function karpFlatt(speedup: number, workers: number): number | null {
  if (workers <= 1 || !(speedup > 0)) return null;
  return (1 / speedup - 1 / workers) / (1 - 1 / workers);
}

/** The smallest worker count whose median lies within the 95% CI of the fastest count's median. */
export function bestWorkerCount(
  points: ReadonlyArray<{ workers: number; medianMs: number; ci95Ms: [number, number] }>,
): number | null {
  if (points.length === 0) return null;
  const fastest = points.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  const within = points.filter((p) => p.medianMs <= fastest.ci95Ms[1]).map((p) => p.workers);
  return Math.min(...within);
}
