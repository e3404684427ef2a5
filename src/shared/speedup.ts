// The speed-up against sequential, one definition for the CLI table, the exporters and the GUI, so a
// cancelled run reads the same everywhere. Pure: no Node or DOM imports.
import type { ModelResult } from './results.js';

/** Sequential median over this result's median, on the same case; null unless both were measured and verified. */
export function speedupVsSequential(result: ModelResult, all: readonly ModelResult[]): number | null {
  const seq = all.find((r) => r.caseId === result.caseId && r.model === 'sequential');
  const base = seq && measured(seq) ? seq.summary?.medianMs : undefined;
  const own = measured(result) ? result.summary?.medianMs : undefined;
  return base !== undefined && own !== undefined && own > 0 ? base / own : null;
}

/** Completed, or cancelled after repetitions that all verified: their median is a real measurement. */
function measured(result: ModelResult): boolean {
  if (result.status === 'ok') return true;
  return (
    result.status === 'cancelled' &&
    result.samples.length > 0 &&
    result.samples.every((sample) => sample.verification.ok)
  );
}
