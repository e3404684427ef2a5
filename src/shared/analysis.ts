// Numbers derived from measured results for the Results view: overhead breakdown, speed-ups, and the
// written conclusions. Every sentence here is built from the figures passed in; none is fixed text about
// which model "should" win.
import type { ModelId, ModelResult, Sample } from './results.js';
import { formatMs, formatRatio } from './format.js';

export { speedupVsSequential } from './speedup.js';

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median over a result's repetitions of where its wall time went. */
export interface Breakdown {
  wallMs: number;
  /** Start-up counted inside the wall time (cold models); 0 for warm ones. */
  startupMs: number;
  /** Start-up measured outside the wall (warm models' pool start), shown apart. */
  startupOutsideMs: number;
  transferMs: number;
  /** The slowest worker's compute: the critical path of a parallel run. */
  computeMs: number;
  mergeMs: number;
  /** Wall time not covered by the parts above (scheduling, waiting, verification hand-off). */
  otherMs: number;
  cpuMs: number;
  peakRssBytes: number;
}

export function breakdown(result: ModelResult): Breakdown | null {
  const samples: Sample[] = result.samples;
  if (samples.length === 0) return null;
  const wallMs = result.summary?.medianMs ?? median(samples.map((s) => s.wallMs));
  const startupMs = median(samples.map((s) => (s.startupInWall ? s.startupMs : 0)));
  const startupOutsideMs = median(samples.map((s) => (s.startupInWall ? 0 : s.startupMs)));
  const transferMs = median(samples.map((s) => s.transferMs));
  const computeMs = median(samples.map((s) => s.computeMs.max));
  const mergeMs = median(samples.map((s) => s.mergeMs));
  const otherMs = Math.max(0, wallMs - startupMs - transferMs - computeMs - mergeMs);
  return {
    wallMs,
    startupMs,
    startupOutsideMs,
    transferMs,
    computeMs,
    mergeMs,
    otherMs,
    cpuMs: median(samples.map((s) => s.cpuMs)),
    peakRssBytes: Math.max(...samples.map((s) => s.peakRssBytes)),
  };
}

export function isOk(
  result: ModelResult,
): result is ModelResult & { summary: NonNullable<ModelResult['summary']> } {
  return result.status === 'ok' && result.summary !== undefined && result.summary.n > 0;
}

/** Results grouped by case, in the order cases first appear. */
export function groupByCase(results: ModelResult[]): Array<{ caseId: string; results: ModelResult[] }> {
  const groups = new Map<string, ModelResult[]>();
  for (const result of results) {
    const list = groups.get(result.caseId) ?? [];
    list.push(result);
    groups.set(result.caseId, list);
  }
  return [...groups].map(([caseId, list]) => ({ caseId, results: list }));
}

const SINGLE_THREADED: ModelId[] = ['sequential', 'async'];

function ciOverlap(a: ModelResult, b: ModelResult): boolean {
  if (!a.summary || !b.summary) return false;
  const [aLo, aHi] = a.summary.ci95Ms;
  const [bLo, bHi] = b.summary.ci95Ms;
  return aLo <= bHi && bLo <= aHi;
}

/** Why a model did not beat sequential, read off its own breakdown. */
function whyNoGain(result: ModelResult, seqWallMs: number): string {
  const b = breakdown(result);
  if (!b) return 'no repetition completed';
  const overheads: Array<[string, number]> = [
    ['start-up', b.startupMs],
    ['moving data between threads/processes', b.transferMs],
    ['merging results', b.mergeMs],
  ];
  const [name, ms] = overheads.reduce((best, item) => (item[1] > best[1] ? item : best));
  if (ms > b.wallMs) {
    // Parts are summed over workers that run at the same time, so one can exceed the wall time.
    return `${name} took ${formatMs(ms)} summed over its workers, more than its whole wall time of ${formatMs(b.wallMs)}`;
  }
  const share = b.wallMs > 0 ? ms / b.wallMs : 0;
  if (share >= 0.2) {
    return `${Math.round(share * 100)} % of its ${formatMs(b.wallMs)} went to ${name} (${formatMs(ms)})`;
  }
  const sample = result.samples[0];
  const workerCount = sample?.workers.length ?? 0;
  if (workerCount <= 1 || SINGLE_THREADED.includes(result.model)) {
    return `its compute ran on one thread (${formatMs(b.computeMs)} of compute against ${formatMs(seqWallMs)} for sequential), so nothing overlapped`;
  }
  const cpuRatio = b.wallMs > 0 ? b.cpuMs / b.wallMs : 0;
  if (cpuRatio < 1.3) {
    return `its CPU time was only ${cpuRatio.toFixed(1)}× its wall time, so the ${workerCount} workers barely ran at the same time`;
  }
  const mins = result.samples.map((s) => s.computeMs.min);
  const maxs = result.samples.map((s) => s.computeMs.max);
  const imbalance = median(mins) > 0 ? median(maxs) / median(mins) : Number.POSITIVE_INFINITY;
  if (imbalance > 1.5) {
    return `work was split unevenly: its slowest worker computed ${formatMs(median(maxs))} against ${formatMs(median(mins))} for the fastest`;
  }
  return `its slowest worker alone computed ${formatMs(b.computeMs)}, close to sequential's ${formatMs(seqWallMs)}`;
}

/** Written conclusions for one case, computed from its results. */
export function concludeCase(results: ModelResult[]): string[] {
  const lines: string[] = [];
  const ok = results.filter(isOk).sort((a, b) => a.summary.medianMs - b.summary.medianMs);
  for (const failed of results.filter((r) => r.status === 'failed')) {
    lines.push(`${failed.model} failed: ${failed.reason ?? 'no reason given'}; its timings are not ranked.`);
  }
  if (ok.length === 0) {
    if (results.some((r) => r.status === 'cancelled'))
      lines.push('The run was cancelled before any model finished.');
    return lines;
  }
  const winner = ok[0];
  const seq = ok.find((r) => r.model === 'sequential');
  let first = `${winner.model} is fastest at ${formatMs(winner.summary.medianMs)}`;
  if (seq && seq !== winner) {
    const speedup = seq.summary.medianMs / winner.summary.medianMs;
    first += `, ${formatRatio(speedup)} the speed of sequential (${formatMs(seq.summary.medianMs)})`;
    const workers = winner.workers;
    if (!SINGLE_THREADED.includes(winner.model) && workers > 1) {
      first += ` — ${Math.round((speedup / workers) * 100)} % of the ideal ${workers}× with ${workers} workers`;
    }
  }
  const runnerUp = ok[1];
  if (runnerUp) {
    const pct = (runnerUp.summary.medianMs / winner.summary.medianMs - 1) * 100;
    first += `; next is ${runnerUp.model}, ${pct.toFixed(pct < 10 ? 1 : 0)} % slower`;
    if (ciOverlap(winner, runnerUp))
      first += ' (their 95 % intervals overlap, so the lead is within the noise)';
  }
  lines.push(`${first}.`);

  if (seq) {
    const noGain = ok.filter((r) => r !== seq && r.summary.medianMs >= seq.summary.medianMs / 1.1);
    for (const result of noGain) {
      const ratio = seq.summary.medianMs / result.summary.medianMs;
      lines.push(
        // Under 10 % faster still counts as no real gain, but "did not pay off" would contradict a line
        // that names the same model fastest.
        `${result.model} ${ratio >= 1 ? 'gained little' : 'did not pay off'} here (${formatRatio(ratio)} sequential's speed): ${whyNoGain(result, seq.summary.medianMs)}.`,
      );
    }
  }
  const slowest = ok[ok.length - 1];
  if (ok.length >= 3 && slowest !== seq) {
    const b = breakdown(slowest);
    if (b && b.startupMs > 0.3 * b.wallMs) {
      lines.push(
        `${slowest.model} is slowest, and start-up inside its timing (${formatMs(b.startupMs)}) explains most of it.`,
      );
    }
  }
  const noisy = ok.filter((r) => r.summary.relativeSpread > 0.1);
  if (noisy.length > 0) {
    lines.push(
      `Repetitions varied by more than 10 % (MAD/median) for ${noisy
        .map((r) => `${r.model} (${Math.round(r.summary.relativeSpread * 100)} %)`)
        .join(', ')}; treat those rankings with care.`,
    );
  }
  return lines;
}

/** One line over the whole run: who won how many cases. */
export function concludeRun(results: ModelResult[]): string | null {
  const groups = groupByCase(results);
  const wins = new Map<ModelId, number>();
  let decided = 0;
  for (const group of groups) {
    const ok = group.results.filter(isOk).sort((a, b) => a.summary.medianMs - b.summary.medianMs);
    if (ok.length < 2) continue;
    decided += 1;
    wins.set(ok[0].model, (wins.get(ok[0].model) ?? 0) + 1);
  }
  if (decided === 0) return null;
  const ranked = [...wins].sort((a, b) => b[1] - a[1]);
  const parts = ranked.map(([model, n]) => `${model} ${n}`);
  const failed = results.filter((r) => r.status === 'failed').length;
  return `Fastest model per case (${decided} case${decided === 1 ? '' : 's'} with two or more models): ${parts.join(', ')}.${
    failed > 0 ? ` ${failed} result${failed === 1 ? '' : 's'} failed verification or did not finish.` : ''
  }`;
}
