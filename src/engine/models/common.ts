// Pieces every model shares: cancellation, injected faults, throttled per-worker progress, the per-repetition
// tallies (transfer, per-worker compute, child CPU and peak RSS) and the outcome a repetition reports.
import type { FaultKind, TaskSpec } from '../../shared/protocol.js';
import type { ModelId, WorkerTiming } from '../../shared/results.js';
import type { TaskDone } from '../hosts/task-link.js';
import {
  buildTask,
  caseInput,
  digestOf,
  newPassId,
  repetitionOutDir,
  type CaseInput,
  type ItemRange,
  type MergedOutput,
  type TaskContext,
} from '../workloads/index.js';
import { PROGRESS_INTERVAL_MS } from '../hosts/exec/progress.js';
import type { ModelContext, PreparedCase, RepetitionOutcome, RunOptions } from './types.js';

/** The error a cancelled run rejects with (name 'AbortError', as fetch and timers/promises use). */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error('run cancelled');
  error.name = 'AbortError';
  return error;
}

/**
 * Runs `work`, but when `signal` aborts first: calls `stop` (kill every worker/child at once) and rejects with
 * an AbortError as soon as they are gone, without waiting for `work`. A later failure of `work` is ignored.
 */
export function guarded<T>(
  signal: AbortSignal,
  stop: () => Promise<void>,
  work: () => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      void stop().finally(() => reject(abortError(signal)));
      return;
    }
    // Reject only once every worker and child is gone, so the caller never sees a half-stopped model.
    const onAbort = (): void => {
      void stop()
        .catch(() => {})
        .finally(() => reject(abortError(signal)));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    // Once aborted, the outcome is the AbortError: whatever `work` does as its workers die is ignored.
    work()
      .then(
        (value) => {
          if (!signal.aborted) resolve(value);
        },
        (error: unknown) => {
          if (!signal.aborted) reject(error);
        },
      )
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Throws naming the value unless the context's worker count is a positive integer. */
export function requireWorkers(context: ModelContext): number {
  if (!Number.isInteger(context.workers) || context.workers < 1) {
    throw new Error(`workers must be a positive integer (got ${String(context.workers)})`);
  }
  return context.workers;
}

/** The fault this model must inject, and into which worker, if the context asks for one. */
export function faultFor(
  context: ModelContext,
  model: ModelId,
): { kind: FaultKind; worker: number } | undefined {
  const faults = context.faults;
  if (!faults || faults.model !== model) return undefined;
  return { kind: faults.kind, worker: faults.worker ?? 0 };
}

/** Forwards per-worker progress to the context, at most one message per PROGRESS_INTERVAL_MS per worker. */
export class WorkerProgress {
  private readonly lastMs = new Map<number, number>();
  constructor(private readonly context: ModelContext) {}
  report(index: number, done: number, total: number): void {
    const nowMs = performance.now();
    const last = this.lastMs.get(index);
    if (done < total && last !== undefined && nowMs - last < PROGRESS_INTERVAL_MS) return;
    this.lastMs.set(index, nowMs);
    try {
      this.context.onWorkerProgress({ index, done, total });
    } catch {
      // A listener's failure must not fail the repetition it is watching.
    }
  }
}

/** Tallies of one repetition, task by task. */
export class RepetitionTally {
  transferMs = 0;
  childCpuMs = 0;
  private readonly workers = new Map<number, WorkerTiming>();
  private readonly peakRss = new Map<number, number>();

  /**
   * Adds a finished task of worker `index` covering `items` items. `cpu`: which child CPU figure counts
   * ('task' for warm children, 'lifetime' for children spawned inside the repetition, 'none' for threads).
   */
  addTask(index: number, items: number, done: TaskDone, cpu: 'task' | 'lifetime' | 'none'): void {
    this.addCompute(index, items, done.computeMs);
    this.transferMs += done.transferMs;
    if (cpu === 'task') this.childCpuMs += done.cpuMs ?? 0;
    if (cpu === 'lifetime') this.childCpuMs += done.cpuTotalMs ?? 0;
    if (done.peakRssBytes !== undefined) {
      this.peakRss.set(index, Math.max(this.peakRss.get(index) ?? 0, done.peakRssBytes));
    }
  }

  addCompute(index: number, items: number, computeMs: number): void {
    const timing = this.workers.get(index) ?? { index, items: 0, computeMs: 0 };
    timing.items += items;
    timing.computeMs += computeMs;
    this.workers.set(index, timing);
  }

  /** Items done so far by worker `index`. */
  itemsOf(index: number): number {
    return this.workers.get(index)?.items ?? 0;
  }

  workerTimings(): WorkerTiming[] {
    return [...this.workers.values()].sort((x, y) => x.index - y.index);
  }

  childPeakRssBytes(): number {
    let sum = 0;
    for (const bytes of this.peakRss.values()) sum += bytes;
    return sum;
  }
}

/** matrixInputs of the models that run in child processes (workloads/matrix-seeded.ts). */
export const CHILD_MATRIX_INPUTS =
  'inputs generated in the child from the seed, not copied (counted as transfer); a long-lived child keeps B across repetitions while seed and size are unchanged; verified against the reference digest of the inputs prepared in the orchestrator';

/** What a repetition starts from, before its clock: see repetitionSetup. */
export interface RepetitionSetup {
  input: CaseInput;
  /** A fresh pass id, so that `cold` memo caches are replaced on the pass's first task in each worker. */
  pass: string;
  /** Images cases: the folder this repetition writes to. */
  outDir: string | undefined;
  fault: { kind: FaultKind; worker: number } | undefined;
}

/** The case's input, a pass id, the images output folder and the fault to inject for model `id`'s repetition. */
export async function repetitionSetup(
  id: ModelId,
  context: ModelContext,
  prepared: PreparedCase,
  options: RunOptions,
): Promise<RepetitionSetup> {
  const input = caseInput(prepared);
  const pass = newPassId();
  const outDir = await repetitionOutDir(input, id, options.outDir);
  return { input, pass, outDir, fault: faultFor(context, id) };
}

/**
 * Worker `worker`'s task for `range` (carrying the injected fault if that worker is the one), timed: building a
 * task is part of handing it over, so its time counts as transfer.
 */
export function countedTask(
  setup: RepetitionSetup,
  range: ItemRange,
  worker: number,
  target: TaskContext['target'],
  tally: RepetitionTally,
): { task: TaskSpec; transfer: ArrayBuffer[] } {
  const buildStartMs = performance.now();
  const built = buildTask(setup.input, range, {
    pass: setup.pass,
    outDir: setup.outDir,
    fault: setup.fault?.worker === worker ? setup.fault.kind : undefined,
    target,
  });
  tally.transferMs += performance.now() - buildStartMs;
  return built;
}

/** When a repetition's clock read what: handing out the work, starting the merge, holding the merged output. */
export interface RepetitionClock {
  startMs: number;
  mergeStartMs: number;
  endMs: number;
}

/**
 * What every model's repetition ends with, once its clock has stopped: the merged output's digest and the
 * outcome from the clock and the tally (threads report no child CPU or memory, so theirs count 0).
 */
export async function repetitionOutcome(
  input: CaseInput,
  merged: MergedOutput,
  clock: RepetitionClock,
  tally: RepetitionTally,
  startup: { startupMs: number; startupInWall: boolean },
): Promise<RepetitionOutcome> {
  const { digest, files } = await digestOf(input, merged);
  return {
    wallMs: clock.endMs - clock.startMs,
    startupMs: startup.startupMs,
    startupInWall: startup.startupInWall,
    transferMs: tally.transferMs,
    mergeMs: clock.endMs - clock.mergeStartMs,
    workers: tally.workerTimings(),
    childCpuMs: tally.childCpuMs,
    childPeakRssBytes: tally.childPeakRssBytes(),
    digest,
    ...(files ? { files } : {}),
  };
}
