// Builds the HTML report of stored runs: the records, their comparison when there are two or more, and
// their bundle to embed. Used by `cbench report` and the history:report channel alike.
import type { Bundle, RunRecord } from '../../shared/history.js';
import { compareRuns } from '../stats/compare.js';
import type { HistoryBackend } from '../store/history-backend.js';
import { renderReport } from './html.js';

export { bundleTextOf, looksLikeHtml } from './bundle-block.js';

export interface BuiltReport {
  fileName: string;
  html: string;
  records: RunRecord[];
  bundle: Bundle;
}

/** The report of `runIds` (full ids, in the order to show; unknown ids throw NotFoundError naming them). */
export function buildReport(store: HistoryBackend, runIds: string[], appVersion: string): BuiltReport {
  const ids = [...new Set(runIds)];
  const records = store.getRuns(ids);
  const bundle = store.exportBundle(ids, appVersion);
  const comparison = records.length >= 2 ? compareRuns(records) : null;
  const html = renderReport({ records, comparison, bundle, appVersion, generatedAt: bundle.exportedAt });
  const stamp = bundle.exportedAt.slice(0, 10);
  const fileName =
    ids.length === 1
      ? `cbench-report-${ids[0].slice(0, 8)}.html`
      : `cbench-report-${ids.length}-runs-${stamp}.html`;
  return { fileName, html, records, bundle };
}
