// The ModelResult of a (case, model) once it ends: completed, failed or cancelled, with its statistics and notes.
import type { CaseSpec, ModelId, ModelResult, Sample } from '../../shared/results.js';
import type { PreparedCase } from '../models/types.js';
import { median, summarize } from '../stats/summarize.js';
import { resultWarnings } from './notes.js';

type ResultBase = Pick<
  ModelResult,
  'caseId' | 'workload' | 'model' | 'params' | 'workers' | 'samples' | 'expected'
>;

/** What every result of (case, model) says whatever its outcome. */
export function resultBase(
  caseSpec: CaseSpec,
  model: ModelId,
  workers: number,
  samples: Sample[],
  prepared: PreparedCase | null,
): ResultBase {
  return {
    caseId: caseSpec.id,
    workload: caseSpec.params.workload,
    model,
    params: caseSpec.params,
    workers,
    samples,
    ...(prepared ? { expected: prepared.expected } : {}),
  };
}

/** The statistics and notes of timed samples (at least one). */
function summarized(
  caseSpec: CaseSpec,
  samples: Sample[],
  shuffleSeed: number,
  matrixInputs: string | undefined,
): Pick<ModelResult, 'summary' | 'startupMs' | 'warnings'> {
  const summary = summarize(
    samples.map((s) => s.wallMs),
    shuffleSeed,
  );
  const startupMs = median(samples.map((s) => s.startupMs));
  return {
    summary,
    startupMs,
    warnings: resultWarnings(caseSpec, samples, summary, startupMs, matrixInputs),
  };
}

/** Every repetition ran and was right. */
export function completedResult(
  base: ResultBase,
  caseSpec: CaseSpec,
  shuffleSeed: number,
  matrixInputs: () => string | undefined,
): ModelResult {
  return { ...base, status: 'ok', ...summarized(caseSpec, base.samples, shuffleSeed, matrixInputs()) };
}

/** The (case, model) failed: it could not start, a repetition threw, or a digest was wrong. */
export function failedResult(base: ResultBase, reason: string): ModelResult {
  return { ...base, status: 'failed', reason, warnings: [] };
}

/** The run was cancelled while this (case, model) had repetitions left; what was timed is summarised. */
export function cancelledResult(
  base: ResultBase,
  caseSpec: CaseSpec,
  reps: number,
  shuffleSeed: number,
  matrixInputs: () => string | undefined,
): ModelResult {
  const timed = base.samples;
  return {
    ...base,
    status: 'cancelled',
    reason: `cancelled after ${timed.length} of ${reps} repetitions`,
    ...(timed.length > 0 ? summarized(caseSpec, timed, shuffleSeed, matrixInputs()) : { warnings: [] }),
  };
}
