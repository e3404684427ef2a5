// The written side of scaling analyses: number formats and the sentences of conclusions (a sweep's best
// count, fits and oversubscription; why a model never pays off), each from the numbers it is given.
import { formatMs } from './format.js';
import type { ModelId } from './results.js';
import { medianOf } from './scaling-fits.js';
import type { BreakEvenPlan, SweepPlan } from './scaling-plan.js';
import type { PairedPoint, SweepModel, SweepPoint } from './scaling-types.js';

export const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
export const times = (x: number): string => `${x.toFixed(2)}x`;

export function sweepConclusions(
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

/**
 * Why a model stays slower, from the breakdown: a straight line time = fixed + perUnit x size through its two
 * largest sizes, against sequential's. A per-unit cost no lower than sequential's means no size pays off;
 * otherwise the fixed cost (start-up, messages) is paid back only beyond the bound.
 */
export function neverReason(plan: BreakEvenPlan, points: readonly PairedPoint[]): string {
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

/**
 * Why a model is faster than sequential already at the smallest size tried, from that point's medians:
 * sequential runs in a long-lived child process and pays a round trip to it on every run, a fixed cost
 * that a model dispatching to threads can undercut at any size.
 */
export function alwaysReason(points: readonly PairedPoint[]): string {
  const first = points[0];
  return `already faster than sequential at the smallest size tried (${first.size}: ${formatMs(first.modelMs)} vs ${formatMs(first.sequentialMs)}); sequential's time includes a round trip to its child process on every run`;
}
