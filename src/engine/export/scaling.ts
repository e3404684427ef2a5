// Sweeps and break-even searches as documents: the run (as `cbench run --json` writes it) plus its
// analysis in JSON, or the analysis as CSV / Markdown tables (one row per point, or per model).
import type { RunReport } from '../../shared/history.js';
import { analyzeScaling, type BreakEvenAnalysis, type SweepAnalysis } from '../../shared/scaling.js';
import { csvField } from './csv.js';
import type { ExportFormat } from './index.js';

export const SWEEP_CSV_COLUMNS = [
  'run_id',
  'model',
  'workers',
  'size',
  'oversubscribed',
  'status',
  'median_ms',
  'ci95_low_ms',
  'ci95_high_ms',
  'speedup',
  'speedup_ci95_low',
  'speedup_ci95_high',
  'speedup_vs_sequential',
  'efficiency',
  'karp_flatt',
  'best_workers',
  'serial_fraction',
] as const;

export const BREAK_EVEN_CSV_COLUMNS = [
  'run_id',
  'model',
  'verdict',
  'crossing_size',
  'crossing_ci95_low',
  'crossing_ci95_high',
  'bracket_low',
  'bracket_high',
  'reason',
] as const;

/** A sweep or break-even run in the given format; throws when the report is a plain suite. */
export function exportScaling(format: ExportFormat, report: RunReport): string {
  const analysis = analyzeScaling(report.spec, report.results);
  if (!analysis) throw new Error(`run ${report.runId} is not a sweep or a break-even search`);
  if (format === 'json') return `${JSON.stringify({ ...report, analysis }, null, 2)}\n`;
  const rows =
    analysis.kind === 'sweep' ? sweepRows(report.runId, analysis) : breakEvenRows(report.runId, analysis);
  const header = analysis.kind === 'sweep' ? [...SWEEP_CSV_COLUMNS] : [...BREAK_EVEN_CSV_COLUMNS];
  if (format === 'csv') return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  const md = (r: Array<string | number | null>): string =>
    `| ${r.map((v) => (v === null ? '–' : String(v).replace(/\|/g, '\\|'))).join(' | ')} |`;
  const title =
    analysis.kind === 'sweep'
      ? `# Scaling sweep: ${analysis.workload}${analysis.weak ? ' (weak scaling)' : ''}, ${analysis.cpuCount} CPUs`
      : `# Break-even search: ${analysis.workload}, ${analysis.workers} workers, sizes ${analysis.minSize} to ${analysis.maxSize}`;
  return [
    title,
    '',
    `Run ${report.runId}, ${report.status}, ${report.startedAt}.`,
    '',
    md(header.slice(1)),
    md(header.slice(1).map(() => '---')),
    ...rows.map((r) => md(r.slice(1))),
    '',
    ...analysis.conclusions.map((c) => `- ${c}`),
    '',
  ].join('\n');
}

const round = (x: number | null, digits = 4): number | null =>
  x === null ? null : Number(x.toFixed(digits));

function sweepRows(runId: string, a: SweepAnalysis): Array<Array<string | number | null>> {
  return a.models.flatMap((m) =>
    m.points.map((p) => [
      runId,
      p.model,
      p.workers,
      p.size,
      p.oversubscribed ? 'yes' : 'no',
      p.status,
      round(p.medianMs),
      round(p.ci95Ms?.[0] ?? null),
      round(p.ci95Ms?.[1] ?? null),
      round(p.speedup),
      round(p.speedupCi?.[0] ?? null),
      round(p.speedupCi?.[1] ?? null),
      round(p.speedupVsSequential),
      round(p.efficiency),
      round(p.karpFlatt),
      m.bestWorkers,
      round((m.amdahl ?? m.gustafson)?.serialFraction ?? null),
    ]),
  );
}

function breakEvenRows(runId: string, a: BreakEvenAnalysis): Array<Array<string | number | null>> {
  return a.models.map((m) => [
    runId,
    m.model,
    m.verdict,
    m.crossing ? Math.round(m.crossing.size) : null,
    m.crossing ? Math.round(m.crossing.ci95[0]) : null,
    m.crossing ? Math.round(m.crossing.ci95[1]) : null,
    m.crossing?.bracket[0] ?? null,
    m.crossing?.bracket[1] ?? null,
    m.reason,
  ]);
}
