// Side-by-side comparison of stored runs: medians, relative change against the first run, and a
// Mann-Whitney U test on the repetitions, with warnings when the runs are not like for like.
import { compareSweeps } from '../../shared/scaling.js';
import type { Comparison, ComparisonRow, RunRecord, RunSummary } from '../../shared/history.js';
import type { ModelId, ModelResult } from '../../shared/results.js';

export interface MannWhitneyResult {
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
  /** The smallest two-sided p these sample sizes can produce (2 / C(n1 + n2, n1)). */
  minPValue: number;
}

/** Above this many (n1 x n2) pairs the exact distribution is replaced by the normal approximation. */
const EXACT_MAX_PAIRS = 400;

function ranks(values: number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const out = new Array<number>(values.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k][1]] = rank;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks: out, tieTerm };
}

/** Number of arrangements giving each U, for sample sizes n1, n2 (no ties). */
function exactUCounts(n1: number, n2: number): number[] {
  // f[i][j][u]: ways to order i values of the first sample and j of the second with statistic u.
  let prev: number[][] = [];
  for (let i = 0; i <= n1; i++) {
    const row: number[][] = [];
    for (let j = 0; j <= n2; j++) {
      const counts = new Array<number>(i * j + 1).fill(0);
      if (i === 0 || j === 0) counts[0] = 1;
      else {
        // The largest value is from the first sample (it beats all j others) or from the second.
        const fromFirst = prev[j];
        const fromSecond = row[j - 1];
        for (let u = 0; u < fromFirst.length; u++) counts[u + j] += fromFirst[u];
        for (let u = 0; u < fromSecond.length; u++) counts[u] += fromSecond[u];
      }
      row.push(counts);
    }
    prev = row;
  }
  return prev[n2];
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** Standard normal upper tail, via erfc (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * Two-sided Mann-Whitney U test. Exact distribution when there are no ties and the samples are small,
 * otherwise the normal approximation with tie and continuity corrections.
 */
export function mannWhitneyU(a: number[], b: number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error('mannWhitneyU: both samples need at least one value');
  const { ranks: r, tieTerm } = ranks([...a, ...b]);
  let rankSum1 = 0;
  for (let i = 0; i < n1; i++) rankSum1 += r[i];
  const u1 = rankSum1 - (n1 * (n1 + 1)) / 2;
  const u = Math.min(u1, n1 * n2 - u1);
  const minPValue = Math.min(1, 2 / binomial(n1 + n2, n1));
  if (tieTerm === 0 && n1 * n2 <= EXACT_MAX_PAIRS) {
    const counts = exactUCounts(n1, n2);
    const total = binomial(n1 + n2, n1);
    let tail = 0;
    for (let k = 0; k <= Math.floor(u); k++) tail += counts[k];
    return { u, pValue: Math.min(1, (2 * tail) / total), method: 'exact', minPValue };
  }
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, pValue: 1, method: 'normal', minPValue };
  const z = Math.max(0, Math.abs(u1 - (n1 * n2) / 2) - 0.5) / Math.sqrt(variance);
  return { u, pValue: Math.min(1, 2 * normalUpperTail(z)), method: 'normal', minPValue };
}

/** Threads a model keeps busy: one for the single-threaded models, the worker count otherwise. */
export function threadsUsed(model: ModelId, workers: number): number {
  return model === 'sequential' || model === 'async' ? 1 : Math.max(1, workers);
}

function okWallMs(result: ModelResult): number[] {
  return result.status === 'ok' ? result.samples.filter((s) => s.verification.ok).map((s) => s.wallMs) : [];
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function versionWarning(name: string, values: Array<string | null>): string | null {
  const seen = distinct(values.map((v) => v ?? 'none'));
  return seen.length > 1 ? `runs differ in ${name}: ${seen.join(' vs ')}` : null;
}

function parameterWarnings(records: RunRecord[]): string[] {
  const warnings: string[] = [];
  for (const key of ['workers', 'reps', 'warmup'] as const) {
    const values = distinct(records.map((r) => r.spec[key]));
    if (values.length > 1) warnings.push(`parameters differ: ${key} ${values.join(' vs ')}`);
  }
  const paramsByCase = new Map<string, Set<string>>();
  for (const record of records) {
    for (const c of record.spec.cases) {
      const set = paramsByCase.get(c.id) ?? new Set<string>();
      // Image outputs go to a fresh folder per run; where they were written is not a parameter.
      const { outDir: _outDir, ...params } = c.params as typeof c.params & { outDir?: string };
      set.add(JSON.stringify(params));
      paramsByCase.set(c.id, set);
    }
  }
  for (const [caseId, set] of paramsByCase) {
    if (set.size > 1) warnings.push(`parameters differ: case ${caseId} has different inputs across runs`);
    const missing = records.filter((r) => !r.spec.cases.some((c) => c.id === caseId)).map((r) => r.id);
    if (missing.length)
      warnings.push(
        `case ${caseId} is missing from run${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      );
  }
  return warnings;
}

function summaryOf(record: RunRecord): RunSummary {
  const { spec: _spec, machine: _machine, results: _results, ...summary } = record;
  return summary;
}

export interface CompareOptions {
  /** Smallest |relative change| in percent that counts as significant (default 5). */
  minEffectPct?: number;
  /** Significance level for the two-sided test (default 0.05). */
  alpha?: number;
}

/** Compares runs per (case, model); the first run is the baseline. */
export function compareRuns(records: RunRecord[], options: CompareOptions = {}): Comparison {
  const minEffectPct = options.minEffectPct ?? 5;
  const alpha = options.alpha ?? 0.05;
  if (records.length < 2) throw new Error('compare needs at least two runs');
  const keys: Array<{ caseId: string; model: ModelId; workload: ModelResult['workload'] }> = [];
  const seen = new Set<string>();
  const lookup = records.map((record) => {
    const map = new Map<string, ModelResult>();
    for (const result of record.results) {
      const key = `${result.caseId}\u0000${result.model}`;
      map.set(key, result);
      if (!seen.has(key)) {
        seen.add(key);
        keys.push({ caseId: result.caseId, model: result.model, workload: result.workload });
      }
    }
    return map;
  });

  const rows: ComparisonRow[] = keys.map(({ caseId, model, workload }) => {
    const key = `${caseId}\u0000${model}`;
    const base = lookup[0].get(key);
    const baseMedian = base?.summary?.medianMs ?? null;
    const baseSamples = base ? okWallMs(base) : [];
    const cells = records.map((record, index): ComparisonRow['cells'][number] => {
      const result = lookup[index].get(key);
      if (!result) return null;
      const medianMs = result.summary?.medianMs ?? null;
      const cell: NonNullable<ComparisonRow['cells'][number]> = {
        runId: record.id,
        medianMs,
        status: result.status,
        relativePct: null,
        perCoreMs: medianMs === null ? null : medianMs * threadsUsed(result.model, result.workers),
        pValue: null,
        significant: null,
      };
      if (index === 0 || medianMs === null || baseMedian === null || baseMedian <= 0) return cell;
      cell.relativePct = (medianMs / baseMedian - 1) * 100;
      const samples = okWallMs(result);
      if (baseSamples.length === 0 || samples.length === 0) {
        cell.note = 'no verified repetitions to test';
        return cell;
      }
      const test = mannWhitneyU(baseSamples, samples);
      cell.pValue = test.pValue;
      cell.pMethod = test.method;
      if (test.minPValue >= alpha) {
        // With 3 vs 3 repetitions no ordering can reach p < 0.05: silence here is not "no difference".
        cell.note = `not enough repetitions (${baseSamples.length} vs ${samples.length}: smallest possible p is ${test.minPValue.toFixed(3)})`;
        return cell;
      }
      cell.significant = test.pValue < alpha && Math.abs(cell.relativePct) >= minEffectPct;
      return cell;
    });
    return { caseId, workload, model, cells };
  });

  const warnings: string[] = [];
  const fingerprints = distinct(records.map((r) => r.machine.fingerprint));
  if (fingerprints.length > 1) {
    const names = fingerprints.map((fp) => {
      const m = records.find((r) => r.machine.fingerprint === fp)!.machine;
      return `${m.label ?? m.cpu.brand ?? 'unknown CPU'} (${fp.slice(0, 8)})`;
    });
    warnings.push(`different machines: ${names.join(' vs ')}`);
  }
  for (const w of [
    versionWarning(
      'Node version',
      records.map((r) => r.nodeVersion),
    ),
    versionWarning(
      'V8 version',
      records.map((r) => r.machine.runtime.v8),
    ),
    versionWarning(
      'Electron version',
      records.map((r) => r.electronVersion),
    ),
    versionWarning(
      'app version',
      records.map((r) => r.appVersion),
    ),
  ]) {
    if (w) warnings.push(w);
  }
  warnings.push(...parameterWarnings(records));
  const scaling = compareSweeps(records);
  return {
    runs: records.map(summaryOf),
    rows,
    warnings,
    minEffectPct,
    ...(scaling.length > 0 ? { scaling } : {}),
  };
}
