// One entry point over the exporters; each format lives in its own file.
import type { RunRecord, RunReport } from '../../shared/history.js';
import { csvExporter } from './csv.js';
import { jsonExporter } from './json.js';
import { markdownExporter } from './markdown.js';
import type { Exporter } from './types.js';

export type ExportFormat = 'json' | 'csv' | 'markdown';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'markdown'];

export const exporters: Record<ExportFormat, Exporter> = {
  json: jsonExporter,
  csv: csvExporter,
  markdown: markdownExporter,
};

export { csvRows, CSV_COLUMNS } from './csv.js';
export type { Exporter } from './types.js';

/** Renders one run in the given format. */
export function exportRun(format: ExportFormat, report: RunReport): string {
  const exporter = exporters[format];
  if (!exporter) throw new Error(`unknown export format "${String(format)}" (json, csv or markdown)`);
  return exporter.render(report);
}

/** The report of a stored run: its record without the list-only fields. */
export function reportFromRecord(record: RunRecord): RunReport {
  const { id, suite, status, startedAt, endedAt, appVersion, spec, results } = record;
  const { id: _id, firstSeen: _first, lastSeen: _last, ...machine } = record.machine;
  return { runId: id, suite, status, startedAt, endedAt, appVersion, spec, machine, results };
}
