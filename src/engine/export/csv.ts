// CSV (RFC 4180): one row per (run, case, model), times in milliseconds, for spreadsheets.
import type { RunReport } from '../../shared/history.js';
import { speedupVsSequential, type Exporter } from './types.js';

export const CSV_COLUMNS = [
  'run_id',
  'suite',
  'started_at',
  'machine',
  'case_id',
  'workload',
  'model',
  'workers',
  'status',
  'n',
  'median_ms',
  'mad_ms',
  'ci95_low_ms',
  'ci95_high_ms',
  'min_ms',
  'max_ms',
  'speedup_vs_sequential',
  'verified',
  'reason',
] as const;

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : value;
  // Quote anything a spreadsheet could split on or read as a formula.
  if (/[",\r\n]/.test(text) || (/^[=+\-@]/.test(text) && typeof value === 'string')) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** The data rows of one run (no header), so several runs can share one file. */
export function csvRows(report: RunReport): string[] {
  return report.results.map((result) => {
    const s = result.summary;
    const values: Array<string | number | null | undefined> = [
      report.runId,
      report.suite,
      report.startedAt,
      report.machine.label ?? report.machine.cpu.brand,
      result.caseId,
      result.workload,
      result.model,
      result.workers,
      result.status,
      s?.n ?? result.samples.length,
      s?.medianMs,
      s?.madMs,
      s?.ci95Ms[0],
      s?.ci95Ms[1],
      s?.minMs,
      s?.maxMs,
      speedupVsSequential(result, report.results),
      result.samples.length > 0 && result.samples.every((x) => x.verification.ok) ? 'yes' : 'no',
      result.reason,
    ];
    return values.map(csvField).join(',');
  });
}

export const csvExporter: Exporter = {
  extension: 'csv',
  mediaType: 'text/csv',
  render: (report) => [CSV_COLUMNS.join(','), ...csvRows(report)].join('\r\n') + '\r\n',
};
