// The notes a result carries: what a reader should know before trusting its numbers.
import type { CaseSpec, ModelResult, Sample } from '../../shared/results.js';

/** Above this MAD / median a result carries a "large spread" warning. */
export const LARGE_SPREAD = 0.1;

/** What a reader of the result should know before trusting its numbers. */
export function resultWarnings(
  caseSpec: CaseSpec,
  samples: Sample[],
  summary: NonNullable<ModelResult['summary']>,
  startupMs: number,
  matrixInputs: string | undefined,
): string[] {
  const warnings: string[] = [];
  if (summary.n === 1) warnings.push('only 1 repetition: no spread or confidence interval');
  if (summary.relativeSpread > LARGE_SPREAD) {
    warnings.push(
      `large spread: MAD is ${(summary.relativeSpread * 100).toFixed(0)}% of the median (busy machine or too little work per run)`,
    );
  }
  if (summary.outliers.length > 0) {
    const reps = summary.outliers.map((i) => samples[i]?.rep).join(', ');
    warnings.push(
      `${summary.outliers.length} outlier repetition${summary.outliers.length === 1 ? '' : 's'} (rep ${reps}) by modified z-score > 3.5, kept in the statistics`,
    );
  }
  if (summary.medianMs < 1) warnings.push('median under 1 ms: timer and scheduling noise dominate');
  const params = caseSpec.params;
  if (params.workload === 'primes' && params.memo === 'warm') {
    warnings.push(
      "memo warm: the cache was filled before timing, so this times cache look-ups (the article's Memoized row)",
    );
  }
  if (params.workload === 'matrix' && matrixInputs !== undefined) warnings.push(matrixInputs);
  const first = samples[0];
  if (first?.startupInWall && startupMs > 0.5 * summary.medianMs) {
    warnings.push(
      `start-up (${startupMs.toFixed(1)} ms) is over half the wall time: too little work for this model to pay off`,
    );
  }
  const files = samples[samples.length - 1]?.files;
  if (files) {
    const bad = files.filter((f) => !f.ok);
    if (bad.length > 0) {
      const named = bad
        .slice(0, 3)
        .map((f) => `${f.input.split(/[\\/]/).pop()} (${f.error ?? 'unknown error'})`)
        .join('; ');
      warnings.push(
        `${bad.length} of ${files.length} image file${files.length === 1 ? '' : 's'} could not be processed: ${named}${bad.length > 3 ? '; ...' : ''}`,
      );
    }
  }
  return warnings;
}
