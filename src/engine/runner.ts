// Runs a suite: plan -> per case (prepare once, open every model, warm-up, interleaved repetitions) -> done.
// The runner owns what no model can measure about itself from the inside: the orchestrator's CPU time,
// peak memory and event-loop delay around each repetition, and the verification of every output against
// the case's reference digest. Outcomes are data: a failing model becomes a `failed` result
// and the suite goes on; only cancellation and unexpected exceptions end it early, and both still end
// with a `done` event.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type {
  CaseSpec,
  ModelId,
  ModelResult,
  RunEvent,
  RunStatus,
  Sample,
  SuiteSpec,
} from '../shared/results.js';
import type { EngineHost } from './host.js';
import { getModel } from './models/index.js';
import type { Model, ModelContext, ModelSession, PreparedCase, RepetitionOutcome } from './models/types.js';
import { seededRng, shuffled } from './stats/shuffle.js';
import { median, summarize } from './stats/summarize.js';
import { verifyDigest } from './verify.js';
import { caseInput, makeRunOutDir, prepareCase, pruneImageOutputs, releaseCase } from './workloads/index.js';

/** Fault injection for tests, whatever shape the models accept on their context. */
type Faults = ModelContext extends { faults?: infer F } ? F : never;

export interface RunSuiteOptions {
  spec: SuiteSpec;
  host: EngineHost;
  /** crypto.randomUUID() when absent. */
  runId?: string;
  signal?: AbortSignal;
  onEvent: (event: RunEvent) => void;
  /** Tests only: passed to every model's context. */
  faults?: Faults;
  /** Tests only: where models come from (default: the registry), so a deterministic fake can stand in. */
  resolveModel?: (id: ModelId) => Model;
}

export interface RunSuiteOutcome {
  runId: string;
  status: RunStatus;
  results: ModelResult[];
  /** Where the run's wall time went. */
  breakdown: RunBreakdown;
}

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

/** Above this MAD / median a result carries a "large spread" warning. */
export const LARGE_SPREAD = 0.1;
/** How often the orchestrator's RSS is sampled during a repetition. */
const RSS_SAMPLE_MS = 20;
/** The event-loop delay sampler's interval: a tick due every 10 ms, its lateness is the delay. */
const LOOP_RESOLUTION_MS = 10;
/** A session that does not close within this long is abandoned with a log line rather than hanging the run. */
const CLOSE_TIMEOUT_MS = 5_000;

/** Runs every (case, model) of `spec` with interleaved, shuffled repetitions, streaming RunEvents. */
export async function runSuite(options: RunSuiteOptions): Promise<RunSuiteOutcome> {
  return new SuiteRun(options).execute();
}

class AbortedError extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'AbortError';
  }
}

/** Per (case, model) state while a case runs. */
interface ModelSlot {
  model: ModelId;
  session: ModelSession | null;
  samples: Sample[];
  stepsDone: number;
  /** Set once the result event has been emitted. */
  finished: boolean;
  /** Images cases: the output folder of this model's latest repetition, the one a user gets to see. */
  keptOutDir?: string;
}

interface Current {
  caseId: string;
  model: ModelId;
  rep: number;
  warmup: boolean;
}

class SuiteRun {
  private readonly spec: SuiteSpec;
  private readonly runId: string;
  private readonly signal: AbortSignal;
  private readonly totalSteps: number;
  private readonly stepsPerModel: number;
  private readonly rng: () => number;
  private readonly loopDelay = new LoopDelaySampler(LOOP_RESOLUTION_MS);
  private readonly results: ModelResult[] = [];
  private readonly startedMs = performance.now();
  private readonly breakdown: RunBreakdown = emptyBreakdown();
  private completedSteps = 0;
  private current: Current | null = null;

  constructor(private readonly options: RunSuiteOptions) {
    this.spec = options.spec;
    this.runId = options.runId ?? randomUUID();
    this.signal = options.signal ?? new AbortController().signal;
    this.stepsPerModel = this.spec.warmup + this.spec.reps;
    this.totalSteps = this.stepsPerModel * this.spec.models.length * this.spec.cases.length;
    this.rng = seededRng(this.spec.shuffleSeed);
  }

  async execute(): Promise<RunSuiteOutcome> {
    let status: RunStatus = 'completed';
    let error: string | undefined;
    this.loopDelay.start();
    try {
      this.emit({
        type: 'plan',
        runId: this.runId,
        spec: this.spec,
        totalSteps: this.totalSteps,
        startedAt: new Date().toISOString(),
      });
      await this.pruneOldImageOutputs();
      for (const caseSpec of this.spec.cases) {
        this.throwIfAborted();
        await this.runCase(caseSpec);
      }
    } catch (caught) {
      if (this.signal.aborted) {
        status = 'cancelled';
      } else {
        status = 'failed';
        error = messageOf(caught);
      }
    } finally {
      this.loopDelay.stop();
    }
    if (status === 'completed' && this.signal.aborted) status = 'cancelled';
    const done: RunEvent = {
      type: 'done',
      runId: this.runId,
      status,
      endedAt: new Date().toISOString(),
      results: this.results,
      ...(error === undefined ? {} : { error }),
    };
    try {
      this.options.onEvent(done);
    } catch {
      // The listener failing on the last event cannot be reported through the listener; the outcome still is.
    }
    this.breakdown.totalMs = performance.now() - this.startedMs;
    return { runId: this.runId, status, results: this.results, breakdown: this.breakdown };
  }

  private async runCase(caseSpec: CaseSpec): Promise<void> {
    const slots = this.spec.models.map<ModelSlot>((model) => ({
      model,
      session: null,
      samples: [],
      stepsDone: 0,
      finished: false,
    }));
    let prepared: PreparedCase | null = null;
    try {
      this.current = { caseId: caseSpec.id, model: this.spec.models[0], rep: 0, warmup: false };
      this.progress('prepare');
      const prepareStartMs = performance.now();
      try {
        prepared = await this.abortable(prepareCase(caseSpec, this.options.host, this.signal), (late) => {
          releaseCase(late).catch(() => {});
        });
      } catch (caught) {
        this.throwIfAborted();
        for (const slot of slots)
          this.fail(caseSpec, slot, null, `could not prepare the case: ${messageOf(caught)}`);
        return;
      } finally {
        this.breakdown.preparationMs += performance.now() - prepareStartMs;
      }

      const openStartMs = performance.now();
      for (const slot of slots) {
        this.throwIfAborted();
        try {
          const model = (this.options.resolveModel ?? getModel)(slot.model);
          slot.session = await this.abortable<ModelSession>(
            model.open(this.contextFor(slot.model)),
            (late) => {
              late.close().catch(() => {});
            },
          );
        } catch (caught) {
          this.throwIfAborted();
          this.fail(caseSpec, slot, prepared, `could not start: ${messageOf(caught)}`);
        }
      }
      this.breakdown.openMs += performance.now() - openStartMs;

      for (let w = 1; w <= this.spec.warmup; w++) {
        for (const slot of shuffled(slots, this.rng)) {
          if (!slot.finished) await this.repetition(caseSpec, prepared, slot, 0, true);
        }
      }
      for (let rep = 1; rep <= this.spec.reps; rep++) {
        // Interleaved and reshuffled each repetition, so drift in machine load (thermal, other tenants)
        // spreads over every model instead of landing on whichever ran last.
        for (const slot of shuffled(slots, this.rng)) {
          if (!slot.finished) await this.repetition(caseSpec, prepared, slot, rep, false);
        }
      }
      for (const slot of slots) {
        if (!slot.finished) this.complete(caseSpec, slot, prepared);
      }
    } catch (caught) {
      if (this.signal.aborted) {
        for (const slot of slots) if (!slot.finished) this.cancel(caseSpec, slot, prepared);
      }
      throw caught;
    } finally {
      this.current = null;
      const closeStartMs = performance.now();
      await Promise.all(slots.map((slot) => this.closeSlot(slot)));
      if (prepared) {
        await releaseCase(prepared).catch((caught: unknown) =>
          this.log('warn', `${caseSpec.id}: releasing the case failed: ${messageOf(caught)}`),
        );
      }
      this.breakdown.closeMs += performance.now() - closeStartMs;
    }
  }

  /** One warm-up or timed repetition of one model; a rejection or a wrong digest fails the (case, model). */
  private async repetition(
    caseSpec: CaseSpec,
    prepared: PreparedCase,
    slot: ModelSlot,
    rep: number,
    warmup: boolean,
  ): Promise<void> {
    const session = slot.session;
    if (!session) throw new Error(`internal: ${slot.model} has no open session`);
    this.current = { caseId: caseSpec.id, model: slot.model, rep, warmup };
    this.progress('start');

    let outDir: string | undefined;
    try {
      outDir = await this.repetitionOutDir(prepared, slot.model);
    } catch (caught) {
      this.fail(caseSpec, slot, prepared, `could not make an output folder: ${messageOf(caught)}`);
      await this.closeSlot(slot);
      return;
    }
    this.loopDelay.reset();
    const rss = startRssSampler();
    const cpuBefore = process.cpuUsage();
    let outcome: RepetitionOutcome;
    const runStartMs = performance.now();
    try {
      outcome = await this.abortable(session.run(prepared, { warmup, ...(outDir ? { outDir } : {}) }));
    } catch (caught) {
      // Partial outputs of a repetition that has no result are of no use to anyone.
      if (outDir) await this.removeOutputs(outDir);
      this.throwIfAborted();
      this.fail(caseSpec, slot, prepared, messageOf(caught));
      await this.closeSlot(slot);
      return;
    } finally {
      rss.stop();
      this.breakdown.repetitionsMs += performance.now() - runStartMs;
    }
    // process.cpuUsage covers every thread of this process, so worker threads are included; children report theirs.
    const cpu = process.cpuUsage(cpuBefore);
    const loop = this.loopDelayMs();

    this.progress('verify');
    const verifyStartMs = performance.now();
    const verification = verifyDigest(prepared.expected, outcome.digest);
    this.breakdown.verificationMs += performance.now() - verifyStartMs;
    // Verified (right or wrong): this repetition's outputs are now the ones its result shows; the earlier ones go.
    if (outDir) {
      if (slot.keptOutDir) await this.removeOutputs(slot.keptOutDir);
      slot.keptOutDir = outDir;
    }
    const computeTimes = outcome.workers.map((w) => w.computeMs);
    this.breakdown.startupInWallMs += outcome.startupInWall ? outcome.startupMs : 0;
    this.breakdown.transferMs += outcome.transferMs;
    this.breakdown.computeMs += computeTimes.length === 0 ? 0 : Math.max(...computeTimes);
    this.breakdown.mergeMs += outcome.mergeMs;
    const sample: Sample = {
      rep,
      wallMs: outcome.wallMs,
      startupMs: outcome.startupMs,
      startupInWall: outcome.startupInWall,
      transferMs: outcome.transferMs,
      computeMs:
        computeTimes.length === 0
          ? { min: 0, max: 0, sum: 0 }
          : {
              min: Math.min(...computeTimes),
              max: Math.max(...computeTimes),
              sum: computeTimes.reduce((a, b) => a + b, 0),
            },
      mergeMs: outcome.mergeMs,
      cpuMs: (cpu.user + cpu.system) / 1000 + outcome.childCpuMs,
      peakRssBytes: rss.peakBytes() + outcome.childPeakRssBytes,
      eventLoopDelayMs: loop,
      workers: outcome.workers,
      digest: outcome.digest,
      verification,
      ...(outcome.files ? { files: outcome.files } : {}),
    };
    if (!warmup) slot.samples.push(sample);
    slot.stepsDone++;
    this.completedSteps++;
    this.progress('end');

    if (!verification.ok) {
      if (warmup) slot.samples.push(sample); // keep the offending digest visible even though warm-ups are not timed
      const reason = verification.reason ?? 'digest differs from the reference';
      const prefixed = reason.startsWith('wrong result') ? reason : `wrong result: ${reason}`;
      this.fail(caseSpec, slot, prepared, warmup ? `${prefixed} (in a warm-up run)` : prefixed);
      await this.closeSlot(slot);
    }
  }

  /** Images cases: a fresh, empty folder for one repetition's outputs, inside the case's folder. */
  private async repetitionOutDir(prepared: PreparedCase, model: ModelId): Promise<string | undefined> {
    const input = caseInput(prepared);
    return input.workload === 'images' ? makeRunOutDir(input, model) : undefined;
  }

  private async removeOutputs(dir: string): Promise<void> {
    try {
      // Retries: after a cancel, a dying worker may still be writing its last file into the folder.
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch (caught) {
      this.log('warn', `could not remove image outputs ${dir}: ${messageOf(caught)}`);
    }
  }

  /** Image outputs of earlier runs in the default temp folder are kept a day, then removed as a run starts. */
  private async pruneOldImageOutputs(): Promise<void> {
    try {
      await pruneImageOutputs();
    } catch (caught) {
      this.log('warn', `could not prune old image outputs: ${messageOf(caught)}`);
    }
  }

  private contextFor(model: ModelId): ModelContext {
    const faults = this.options.faults;
    return {
      host: this.options.host,
      workers: this.spec.workers,
      signal: this.signal,
      onWorkerProgress: (worker) => {
        if (this.current?.model !== model) return; // a late message from a repetition that already ended
        this.progress('worker', worker);
      },
      ...(faults === undefined ? {} : { faults }),
    };
  }

  private matrixInputs(slot: ModelSlot): string | undefined {
    return (this.options.resolveModel ?? getModel)(slot.model).matrixInputs;
  }

  private complete(caseSpec: CaseSpec, slot: ModelSlot, prepared: PreparedCase): void {
    const summary = summarize(
      slot.samples.map((s) => s.wallMs),
      this.spec.shuffleSeed,
    );
    const startupMs = median(slot.samples.map((s) => s.startupMs));
    this.finish(slot, {
      ...this.resultBase(caseSpec, slot, prepared),
      status: 'ok',
      summary,
      startupMs,
      warnings: resultWarnings(caseSpec, slot.samples, summary, startupMs, this.matrixInputs(slot)),
    });
  }

  private fail(caseSpec: CaseSpec, slot: ModelSlot, prepared: PreparedCase | null, reason: string): void {
    this.completedSteps += this.stepsPerModel - slot.stepsDone;
    slot.stepsDone = this.stepsPerModel;
    this.finish(slot, {
      ...this.resultBase(caseSpec, slot, prepared),
      status: 'failed',
      reason,
      warnings: [],
    });
  }

  private cancel(caseSpec: CaseSpec, slot: ModelSlot, prepared: PreparedCase | null): void {
    const timed = slot.samples;
    const summary =
      timed.length > 0
        ? summarize(
            timed.map((s) => s.wallMs),
            this.spec.shuffleSeed,
          )
        : undefined;
    this.finish(slot, {
      ...this.resultBase(caseSpec, slot, prepared),
      status: 'cancelled',
      reason: `cancelled after ${timed.length} of ${this.spec.reps} repetitions`,
      ...(summary ? { summary, startupMs: median(timed.map((s) => s.startupMs)) } : {}),
      warnings: summary
        ? resultWarnings(
            caseSpec,
            timed,
            summary,
            median(timed.map((s) => s.startupMs)),
            this.matrixInputs(slot),
          )
        : [],
    });
  }

  private resultBase(
    caseSpec: CaseSpec,
    slot: ModelSlot,
    prepared: PreparedCase | null,
  ): Pick<ModelResult, 'caseId' | 'workload' | 'model' | 'params' | 'workers' | 'samples' | 'expected'> {
    return {
      caseId: caseSpec.id,
      workload: caseSpec.params.workload,
      model: slot.model,
      params: caseSpec.params,
      workers: this.spec.workers,
      samples: slot.samples,
      ...(prepared ? { expected: prepared.expected } : {}),
    };
  }

  /** Emits the result as soon as it exists, so the history commits it before anything else can go wrong. */
  private finish(slot: ModelSlot, result: ModelResult): void {
    slot.finished = true;
    this.results.push(result);
    this.emit({ type: 'result', runId: this.runId, result });
  }

  private async closeSlot(slot: ModelSlot): Promise<void> {
    const session = slot.session;
    if (!session) return;
    slot.session = null;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS);
    });
    try {
      const closed = await Promise.race([session.close().then(() => 'closed' as const), timedOut]);
      if (closed === 'timeout')
        this.log('warn', `${slot.model}: session did not close within ${CLOSE_TIMEOUT_MS} ms`);
    } catch (caught) {
      this.log('warn', `${slot.model}: closing the session failed: ${messageOf(caught)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private progress(phase: 'prepare' | 'start' | 'worker' | 'verify' | 'end', worker?: ProgressWorker): void {
    const current = this.current;
    if (!current) return;
    this.emit({
      type: 'progress',
      runId: this.runId,
      caseId: current.caseId,
      model: current.model,
      rep: current.rep,
      warmup: current.warmup,
      phase,
      ...(worker ? { worker } : {}),
      completedSteps: this.completedSteps,
      totalSteps: this.totalSteps,
      eventLoopDelayMs: this.loopDelayMs().p99,
    });
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.emit({ type: 'log', runId: this.runId, level, message });
  }

  private emit(event: RunEvent): void {
    this.options.onEvent(event);
  }

  private loopDelayMs(): Sample['eventLoopDelayMs'] {
    return this.loopDelay.snapshotMs();
  }

  private throwIfAborted(): void {
    if (this.signal.aborted) throw new AbortedError();
  }

  /**
   * Settles with `promise`, or rejects at once when the run is cancelled, so cancellation never waits for a
   * model that is slow to notice. A value that arrives after that is handed to `onLate` (e.g. to close it).
   */
  private abortable<T>(promise: Promise<T>, onLate?: (value: T) => void): Promise<T> {
    const signal = this.signal;
    if (signal.aborted) {
      promise.then(onLate, () => {});
      return Promise.reject(new AbortedError());
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        reject(new AbortedError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          if (settled) {
            onLate?.(value);
            return;
          }
          settled = true;
          resolve(value);
        },
        (caught: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          reject(caught);
        },
      );
    });
  }
}

type ProgressWorker = { index: number; done: number; total: number };

/**
 * Event-loop delay of this process: a timer due every `intervalMs`, its lateness recorded in a perf_hooks
 * histogram (microseconds). Not monitorEventLoopDelay: its reset() also forgets when the last tick was, so
 * the interval in progress at a repetition's start -- exactly when a model that blocks the loop blocks it --
 * was never recorded. Here reset() only clears the histogram and the next tick still measures from the last.
 */
class LoopDelaySampler {
  private readonly histogram: RecordableHistogram = createHistogram();
  private lastTickMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs: number) {}

  start(): void {
    this.lastTickMs = performance.now();
    const tick = (): void => {
      const now = performance.now();
      const lateMs = now - this.lastTickMs - this.intervalMs;
      this.histogram.record(Math.max(1, Math.round(lateMs * 1000)));
      this.lastTickMs = now;
      this.timer = setTimeout(tick, this.intervalMs);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  reset(): void {
    this.histogram.reset();
  }

  /** p50/p99/max in ms since the last reset; the tick in progress counts with its lateness so far. */
  snapshotMs(): Sample['eventLoopDelayMs'] {
    const pendingMs = Math.max(0, performance.now() - this.lastTickMs - this.intervalMs);
    const h = this.histogram;
    if (h.count === 0) return { p50: pendingMs, p99: pendingMs, max: pendingMs };
    const ms = (us: number): number => (us <= 1 ? 0 : us / 1000);
    return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: Math.max(ms(h.max), pendingMs) };
  }
}

/** Samples this process's RSS (all its threads) every few ms; children report their own peak. */
function startRssSampler(): { stop(): void; peakBytes(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
    },
    peakBytes: () => peak,
  };
}

/** What a reader of the result should know before trusting its numbers. */
function resultWarnings(
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

function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
