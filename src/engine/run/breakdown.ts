// Where a run's time went, and how one repetition's outcome becomes a Sample and its share of that account:
// the runner's bookkeeping of a measurement, apart from the taking of it.
import type { Sample } from '../../shared/results.js';
import type { RepetitionOutcome } from '../models/types.js';

/**
 * Where a run's wall time went, in ms of the orchestrator's clock, warm-up repetitions included. `repetitionsMs`
 * is the models' wall time; startup (cold models only, the part inside their wall time), transfer, compute (the
 * slowest worker of each repetition) and merge are parts of it, summed over repetitions. Models that run tasks
 * concurrently overlap transfer with compute, so those parts can add up to more or less than the whole.
 */
export interface RunBreakdown {
  totalMs: number;
  /** Preparing each case: inputs and the independent reference result. */
  preparationMs: number;
  /** Opening the warm models' sessions (pools, long-lived children): their start-up, outside wall time. */
  openMs: number;
  repetitionsMs: number;
  startupInWallMs: number;
  transferMs: number;
  computeMs: number;
  mergeMs: number;
  /** Comparing each repetition's digest with the reference. */
  verificationMs: number;
  /** Closing sessions and releasing each case. */
  closeMs: number;
}

/** A breakdown with nothing counted yet. */
export function emptyBreakdown(): RunBreakdown {
  return {
    totalMs: 0,
    preparationMs: 0,
    openMs: 0,
    repetitionsMs: 0,
    startupInWallMs: 0,
    transferMs: 0,
    computeMs: 0,
    mergeMs: 0,
    verificationMs: 0,
    closeMs: 0,
  };
}

/** What the runner measured around a repetition, which the model cannot see from the inside. */
export interface AroundRepetition {
  rep: number;
  /** The orchestrator's CPU time over the repetition (every thread of this process). */
  cpu: NodeJS.CpuUsage;
  peakRssBytes: number;
  eventLoopDelayMs: Sample['eventLoopDelayMs'];
  verification: Sample['verification'];
}

/**
 * Adds a repetition's parts to `breakdown` and returns its Sample. Compute counts the slowest worker in the
 * breakdown, since that is the part of the wall time compute takes; the Sample keeps min, max and sum.
 */
export function recordRepetition(
  breakdown: RunBreakdown,
  outcome: RepetitionOutcome,
  around: AroundRepetition,
): Sample {
  const computeMs = computeSpread(outcome.workers.map((w) => w.computeMs));
  breakdown.startupInWallMs += outcome.startupInWall ? outcome.startupMs : 0;
  breakdown.transferMs += outcome.transferMs;
  breakdown.computeMs += computeMs.max;
  breakdown.mergeMs += outcome.mergeMs;
  return {
    rep: around.rep,
    wallMs: outcome.wallMs,
    startupMs: outcome.startupMs,
    startupInWall: outcome.startupInWall,
    transferMs: outcome.transferMs,
    computeMs,
    mergeMs: outcome.mergeMs,
    // Children report their own CPU and peak memory; this process's cover its worker threads.
    cpuMs: (around.cpu.user + around.cpu.system) / 1000 + outcome.childCpuMs,
    peakRssBytes: around.peakRssBytes + outcome.childPeakRssBytes,
    eventLoopDelayMs: around.eventLoopDelayMs,
    workers: outcome.workers,
    digest: outcome.digest,
    verification: around.verification,
    ...(outcome.files ? { files: outcome.files } : {}),
  };
}

function computeSpread(computeTimes: number[]): Sample['computeMs'] {
  if (computeTimes.length === 0) return { min: 0, max: 0, sum: 0 };
  return {
    min: Math.min(...computeTimes),
    max: Math.max(...computeTimes),
    sum: computeTimes.reduce((a, b) => a + b, 0),
  };
}
