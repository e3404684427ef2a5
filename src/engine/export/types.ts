// The exporter strategy: one file per format, each a pure function of a run report.
import type { RunReport } from '../../shared/history.js';
import type { ModelResult } from '../../shared/results.js';

export interface Exporter {
  /** File extension without the dot. */
  readonly extension: string;
  readonly mediaType: string;
  render(report: RunReport): string;
}

/** Sequential median over this result's median, on the same case; null without both medians. */
export function speedupVsSequential(result: ModelResult, all: readonly ModelResult[]): number | null {
  const seq = all.find((r) => r.caseId === result.caseId && r.model === 'sequential');
  const base = seq?.status === 'ok' ? seq.summary?.medianMs : undefined;
  const own = result.status === 'ok' ? result.summary?.medianMs : undefined;
  return base !== undefined && own !== undefined && own > 0 ? base / own : null;
}
