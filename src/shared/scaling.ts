// Scaling analytics: what a sweep over worker counts and a break-even search over sizes mean, computed from
// their results alone. Pure (no Node or DOM imports), so the CLI, the exporters, `cbench compare` and the
// GUI all read the same numbers from a run, live or from the history.
import { seededRng } from './random.js';
import type { ModelId, ModelResult, WorkloadId, WorkloadParams } from './results.js';

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

/** Bootstrap resamples for the CIs of speed-ups, fits and crossings. */
const RESAMPLES = 1000;

/** Verified wall times of a result, or null when it has none worth using. */
function wallTimes(result: ModelResult | undefined): number[] | null {
  if (!result || result.samples.length === 0) return null;
  if (result.status === 'failed') return null;
  if (!result.samples.every((s) => s.verification.ok)) return null;
  return result.samples.map((s) => s.wallMs);
}

function medianOf(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
}

function resampledMedian(values: readonly number[], rng: () => number): number {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[Math.floor(rng() * values.length)];
  return medianOf(out);
}

/** The 2.5th and 97.5th percentiles of bootstrap estimates (non-finite ones dropped). */
function percentileCi(estimates: number[]): [number, number] | null {
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

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
const times = (x: number): string => `${x.toFixed(2)}x`;

/** Speed-up, efficiency, Karp-Flatt, Amdahl or Gustafson fit, best count and written conclusions of a sweep. */
export function analyzeSweep(
  plan: SweepPlan,
  results: readonly ModelResult[],
  seed = 0x5ca1e,
): SweepAnalysis {
  const sequential = results
    .filter((r) => r.model === 'sequential' && r.summary && wallTimes(r))
    .map((r) => ({ size: sizeOf(r.params), medianMs: r.summary!.medianMs, ci95Ms: r.summary!.ci95Ms }))
    .sort((a, b) => a.size - b.size);
  const seqBySize = new Map(
    results.filter((r) => r.model === 'sequential').map((r) => [sizeOf(r.params), wallTimes(r)]),
  );
  const seqAny = sequential[0] ? seqBySize.get(sequential[0].size) : null;
  const modelIds = [...new Set(results.map((r) => r.model))].filter((m) => m !== 'sequential');
  const models = modelIds.map((model, i) =>
    analyzeSweepModel(
      plan,
      results.filter((r) => r.model === model).sort((a, b) => a.workers - b.workers),
      (size) => (plan.weak ? (seqBySize.get(size) ?? null) : (seqAny ?? null)),
      seed + i,
    ),
  );
  const conclusions: string[] = [];
  const ranked = models
    .map((m) => ({ m, best: m.points.find((p) => p.workers === m.bestWorkers) }))
    .filter((x): x is { m: SweepModel; best: SweepPoint } => x.best?.medianMs != null)
    .sort((a, b) => a.best.medianMs! - b.best.medianMs!);
  if (ranked.length > 0 && !plan.weak) {
    const { m, best } = ranked[0];
    const vsSeq =
      best.speedupVsSequential === null ? '' : `, ${times(best.speedupVsSequential)} over sequential`;
    conclusions.push(`fastest: ${m.model} at ${best.workers} worker${best.workers === 1 ? '' : 's'}${vsSeq}`);
  }
  return {
    kind: 'sweep',
    workload: plan.workload,
    weak: plan.weak,
    cpuCount: plan.cpuCount,
    workerCounts: plan.workerCounts,
    sequential,
    models,
    conclusions: [...conclusions, ...models.flatMap((m) => m.conclusions)],
  };
}

function analyzeSweepModel(
  plan: SweepPlan,
  results: readonly ModelResult[],
  sequentialAt: (size: number) => number[] | null,
  seed: number,
): SweepModel {
  const model = results[0].model;
  const base = results.find((r) => r.workers === 1);
  const baseTimes = wallTimes(base);
  const scale = (n: number): number => (plan.weak ? n : 1);
  const rng = seededRng(seed);
  const points = results.map((r): SweepPoint => {
    const own = wallTimes(r);
    const medianMs = own && r.summary ? r.summary.medianMs : null;
    const n = r.workers;
    let speedup: number | null = null;
    let speedupCi: [number, number] | null = null;
    if (own && baseTimes && medianMs !== null && medianMs > 0) {
      speedup = (scale(n) * medianOf(baseTimes)) / medianMs;
      const boot: number[] = [];
      for (let k = 0; k < RESAMPLES; k++)
        boot.push((scale(n) * resampledMedian(baseTimes, rng)) / resampledMedian(own, rng));
      speedupCi = percentileCi(boot);
    }
    const seqTimes = sequentialAt(sizeOf(r.params));
    return {
      model,
      workers: n,
      size: sizeOf(r.params),
      oversubscribed: n > plan.cpuCount,
      status: r.status,
      medianMs,
      ci95Ms: own && r.summary ? r.summary.ci95Ms : null,
      speedup,
      speedupCi,
      speedupVsSequential: seqTimes && medianMs ? medianOf(seqTimes) / medianMs : null,
      efficiency: speedup === null ? null : speedup / n,
      efficiencyCi: speedupCi ? [speedupCi[0] / n, speedupCi[1] / n] : null,
      karpFlatt: speedup === null || plan.weak ? null : karpFlatt(speedup, n),
    };
  });

  const fitted = points.filter((p) => p.speedup !== null && !p.oversubscribed && p.workers > 1);
  const fit = plan.weak ? gustafsonSerialFraction : amdahlSerialFraction;
  let serial: SweepModel['amdahl'] = null;
  const s = fit(fitted.map((p) => ({ workers: p.workers, speedup: p.speedup! })));
  if (s !== null && baseTimes) {
    const samplesAt = new Map(results.map((r) => [r.workers, wallTimes(r)]));
    const boot: number[] = [];
    for (let k = 0; k < RESAMPLES; k++) {
      const b = resampledMedian(baseTimes, rng);
      const resampled = fitted.map((p) => ({
        workers: p.workers,
        speedup: (scale(p.workers) * b) / resampledMedian(samplesAt.get(p.workers)!, rng),
      }));
      boot.push(fit(resampled) ?? NaN);
    }
    serial = { serialFraction: s, ci95: percentileCi(boot) };
  }

  const measured = points.filter(
    (p): p is SweepPoint & { medianMs: number; ci95Ms: [number, number] } =>
      p.medianMs !== null && p.ci95Ms !== null,
  );
  const bestWorkers = bestWorkerCount(measured);
  const conclusions = sweepConclusions(plan, model, points, bestWorkers, serial);
  return {
    model,
    points,
    bestWorkers,
    amdahl: plan.weak ? null : serial,
    gustafson: plan.weak ? serial : null,
    conclusions,
  };
}

function sweepConclusions(
  plan: SweepPlan,
  model: ModelId,
  points: readonly SweepPoint[],
  bestWorkers: number | null,
  serial: SweepModel['amdahl'],
): string[] {
  const out: string[] = [];
  const failed = points.filter((p) => p.status === 'failed').map((p) => p.workers);
  if (failed.length > 0) out.push(`${model}: failed at ${failed.join(', ')} worker(s), left out of the fits`);
  const best = points.find((p) => p.workers === bestWorkers);
  if (best && best.medianMs !== null) {
    const parts = [
      `${model}: best worker count ${best.workers} (the smallest within the 95% CI of the fastest)`,
    ];
    if (best.speedup !== null && best.workers > 1)
      parts.push(`${times(best.speedup)} over 1 worker, efficiency ${pct(best.efficiency!)}`);
    out.push(parts.join(', '));
  }
  if (serial) {
    const name = plan.weak ? 'Gustafson' : 'Amdahl';
    const ci = serial.ci95 ? ` (95% CI ${pct(serial.ci95[0])} to ${pct(serial.ci95[1])})` : '';
    const s = serial.serialFraction;
    const reading =
      s >= 1
        ? ': more workers made it slower than its own 1-worker run, which no serial fraction explains (overheads grow with the workers)'
        : !plan.weak && s > 0.005
          ? `: at most ${times(1 / s)} on any number of cores`
          : '';
    out.push(`${model}: ${name} serial fraction ${pct(s)}${ci}${reading}`);
  }
  // Oversubscription, against the count equal to the cores when it was measured, else the largest below.
  const atCores = points
    .filter((p) => !p.oversubscribed && p.medianMs !== null)
    .sort((a, b) => b.workers - a.workers)[0];
  for (const p of points) {
    if (!p.oversubscribed || p.medianMs === null || !atCores?.medianMs || !atCores.ci95Ms) continue;
    const change = p.medianMs / atCores.medianMs - 1;
    const head = `${model}: ${p.workers} workers on ${plan.cpuCount} core${plan.cpuCount === 1 ? '' : 's'}`;
    const ref = `${atCores.workers}`;
    if (p.medianMs > atCores.ci95Ms[1]) {
      out.push(
        `${head}: ${pct(change)} slower than ${ref} (more workers than cores: the OS time-slices them, paying context switches and cache refills, and no idle core is there to gain)`,
      );
    } else if (p.medianMs < atCores.ci95Ms[0]) {
      out.push(
        `${head}: ${pct(-change)} faster than ${ref} (smaller pieces even out the load, or the threads wait on something other than a core)`,
      );
    } else {
      out.push(
        `${head}: within the noise of ${ref} (${change >= 0 ? '+' : ''}${pct(change)}): extra workers gain nothing`,
      );
    }
  }
  return out;
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

interface PairedPoint extends BreakEvenPoint {
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

/**
 * Why a model stays slower, from the breakdown: a straight line time = fixed + perUnit x size through its two
 * largest sizes, against sequential's. A per-unit cost no lower than sequential's means no size pays off;
 * otherwise the fixed cost (start-up, messages) is paid back only beyond the bound.
 */
function neverReason(plan: BreakEvenPlan, points: readonly PairedPoint[]): string {
  const last = points[points.length - 1];
  const startup = medianOf(last.result.samples.map((s) => s.startupMs));
  const inWall = last.result.samples[0]?.startupInWall ?? false;
  const startupText = `start-up ${startup.toFixed(1)} ms${inWall ? ' inside each run' : ' outside the timing'}`;
  const slower = `${times(1 / last.speedup)} slower than sequential at ${last.size}`;
  if (points.length < 2) return `${slower}; ${startupText}`;
  const prev = points[points.length - 2];
  const perUnit = (b: number, a: number): number => (b - a) / (last.size - prev.size);
  const modelPer = perUnit(last.modelMs, prev.modelMs);
  const seqPer = perUnit(last.sequentialMs, prev.sequentialMs);
  const modelFixed = last.modelMs - modelPer * last.size;
  const seqFixed = last.sequentialMs - seqPer * last.size;
  if (modelPer >= seqPer) {
    return `${slower}: its cost per unit of size (${(modelPer * 1000).toFixed(3)} µs) is no lower than sequential's (${(seqPer * 1000).toFixed(3)} µs), so growing the work does not help; ${startupText}`;
  }
  const payback = (modelFixed - seqFixed) / (seqPer - modelPer);
  return `${slower}: a fixed cost of ${(modelFixed - seqFixed).toFixed(1)} ms over sequential (${startupText}) against a per-unit saving of ${((seqPer - modelPer) * 1000).toFixed(3)} µs pays back only from about ${Math.round(payback)}, beyond the bound ${plan.maxSize}`;
}

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

/** The kind of run a spec describes. */
export function runKindOf(spec: { scaling?: ScalingPlan }): RunKind {
  return spec.scaling?.kind ?? 'suite';
}

/** One model's sweep read side by side across runs (typically machines), the first run as the baseline. */
export interface SweepComparisonRow {
  model: ModelId;
  /** Per run, in the order asked; null where that run is not a sweep or lacks this model. */
  cells: Array<{
    runId: string;
    cpuCount: number;
    bestWorkers: number | null;
    /** Efficiency at each measured worker count. */
    efficiency: Array<{ workers: number; efficiency: number | null }>;
  } | null>;
  /** e.g. "worker-pool: best worker count 2 on [1], 8 on [2]; efficiency at 2 workers 96% vs 88%". */
  summary: string;
}

/** Best worker count and efficiency of each model on each sweep run; empty unless two runs are sweeps. */
export function compareSweeps(
  runs: ReadonlyArray<{ id: string; spec: { scaling?: ScalingPlan }; results: readonly ModelResult[] }>,
): SweepComparisonRow[] {
  const analyses = runs.map((r) => {
    const a = analyzeScaling(r.spec, r.results);
    return a?.kind === 'sweep' ? a : null;
  });
  if (analyses.filter(Boolean).length < 2) return [];
  const models = [...new Set(analyses.flatMap((a) => a?.models.map((m) => m.model) ?? []))];
  return models.map((model) => {
    const cells = analyses.map((a, i) => {
      const m = a?.models.find((x) => x.model === model);
      if (!a || !m) return null;
      return {
        runId: runs[i].id,
        cpuCount: a.cpuCount,
        bestWorkers: m.bestWorkers,
        efficiency: m.points.map((p) => ({ workers: p.workers, efficiency: p.efficiency })),
      };
    });
    const present = cells
      .map((c, i) => (c ? { c, label: `[${i + 1}]` } : null))
      .filter((x): x is { c: NonNullable<(typeof cells)[number]>; label: string } => x !== null);
    const best = present.map(({ c, label }) => `${c.bestWorkers ?? '-'} on ${label}`).join(', ');
    // Efficiency at the baseline's best count (or 2 workers), where every run measured it.
    const at = present[0]?.c.bestWorkers && present[0].c.bestWorkers > 1 ? present[0].c.bestWorkers : 2;
    const effs = present.map(({ c }) => c.efficiency.find((e) => e.workers === at)?.efficiency ?? null);
    const eff = effs.every((e) => e !== null)
      ? `; efficiency at ${at} workers ${effs.map((e) => pct(e!)).join(' vs ')}`
      : '';
    return { model, cells, summary: `${model}: best worker count ${best}${eff}` };
  });
}
