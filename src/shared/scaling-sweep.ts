// Sweep analysis: speed-up, efficiency, Karp-Flatt, the Amdahl or Gustafson fit, the best worker count and
// the written conclusions of a sweep over worker counts, and the comparison of sweeps across machines.
import { seededRng } from './random.js';
import type { ModelId, ModelResult } from './results.js';
import {
  amdahlSerialFraction,
  bestWorkerCount,
  gustafsonSerialFraction,
  karpFlatt,
  medianOf,
  percentileCi,
  RESAMPLES,
  resampledMedian,
  wallTimes,
} from './scaling-fits.js';
import { sizeOf, type ScalingPlan, type SweepPlan } from './scaling-plan.js';
import { pct, sweepConclusions, times } from './scaling-text.js';
import type { SweepAnalysis, SweepModel, SweepPoint } from './scaling-types.js';

export type { SweepAnalysis, SweepModel, SweepPoint } from './scaling-types.js';

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
    const plan = r.spec.scaling;
    return plan?.kind === 'sweep' ? analyzeSweep(plan, r.results) : null;
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
