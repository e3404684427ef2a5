// The exporter strategy: one file per format, each a pure function of a run report.
import type { RunReport } from '../../shared/history.js';

export interface Exporter {
  /** File extension without the dot. */
  readonly extension: string;
  readonly mediaType: string;
  render(report: RunReport): string;
}

export { speedupVsSequential } from '../../shared/speedup.js';
