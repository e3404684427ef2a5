// The results table printed after a run, laid out like the article's tables: one row per (case, model),
// grouped by case, with the speed-up against the sequential model of the same case.
import Table from 'cli-table3';
import type { ModelResult } from '../shared/results.js';
import { speedupVsSequential } from '../engine/export/types.js';
import type { Colors } from './colors.js';
import { describeParams, formatMedianMad, formatMs, formatRangeMs, formatSpeedup } from './format.js';

/**
 * Renders the table plus numbered notes (the warnings) under it; colours only through `colors`. A warning
 * shared by several rows (e.g. the memo note on every model) is one note that each of those rows cites.
 */
export function renderResultsTable(results: readonly ModelResult[], colors: Colors): string {
  if (results.length === 0) return colors.dim('no results');
  const notes: string[] = [];
  const noteNumber = new Map<string, number>();
  const table = new Table({
    head: [
      'Workload',
      'Model',
      'Parameters',
      'Median ± MAD',
      '95% CI',
      'vs seq',
      'Start-up',
      'Verified',
      'Notes',
    ].map((h) => colors.bold(h)),
    style: { head: [], border: [], compact: true },
  });
  let previousCase: string | undefined;
  for (const result of orderForTable(results)) {
    const firstOfCase = result.caseId !== previousCase;
    previousCase = result.caseId;
    const speedup = speedupVsSequential(result, results);
    const noteRefs = result.warnings.map((warning) => {
      let number = noteNumber.get(warning);
      if (number === undefined) {
        notes.push(warning);
        number = notes.length;
        noteNumber.set(warning, number);
      }
      return `[${number}]`;
    });
    table.push([
      firstOfCase ? colors.bold(result.workload) : '',
      result.model,
      firstOfCase ? describeParams(result.params) : '',
      result.summary ? formatMedianMad(result.summary.medianMs, result.summary.madMs) : '-',
      result.summary && result.summary.n > 1 ? formatRangeMs(result.summary.ci95Ms) : '-',
      speedup === null
        ? '-'
        : speedup >= 1.05
          ? colors.green(formatSpeedup(speedup))
          : speedup < 0.95
            ? colors.yellow(formatSpeedup(speedup))
            : formatSpeedup(speedup),
      result.startupMs === undefined ? '-' : formatMs(result.startupMs),
      verifiedCell(result, colors),
      noteRefs.join(' '),
    ]);
  }
  const lines = [table.toString()];
  if (notes.length > 0) lines.push(...notes.map((note, i) => colors.dim(`[${i + 1}] ${note}`)));
  return lines.join('\n');
}

function verifiedCell(result: ModelResult, colors: Colors): string {
  if (result.status === 'ok') return colors.green('✓');
  if (result.status === 'cancelled') {
    const verified = result.samples.length > 0 && result.samples.every((s) => s.verification.ok);
    return colors.yellow(`${verified ? '✓ ' : ''}${result.reason ?? 'cancelled'}`);
  }
  return colors.red(`✗ ${result.reason ?? 'failed'}`);
}

/** Cases in the order they ran, models in the spec's order within a case (results arrive interleaved). */
function orderForTable(results: readonly ModelResult[]): ModelResult[] {
  const caseOrder = [...new Set(results.map((r) => r.caseId))];
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => caseOrder.indexOf(a.r.caseId) - caseOrder.indexOf(b.r.caseId) || a.i - b.i)
    .map(({ r }) => r);
}
