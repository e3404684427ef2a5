// One case of a run: prepare it once, open every model's session, then warm-up and timed repetitions with the
// model order reshuffled each round, each repetition measured around and verified; close and release at the end.
import { rm } from 'node:fs/promises';
import type { CaseSpec, ModelId, ModelResult, Sample, SuiteSpec } from '../../shared/results.js';
import type { EngineHost } from '../host.js';
import { getModel } from '../models/index.js';
import type { Model, ModelContext, ModelSession, PreparedCase, RepetitionOutcome } from '../models/types.js';
import { shuffled } from '../stats/shuffle.js';
import { verifyDigest } from '../verify.js';
import { caseInput, makeRunOutDir, prepareCase, releaseCase } from '../workloads/index.js';
import { abortable, messageOf, throwIfAborted } from './abortable.js';
import { recordRepetition, type RunBreakdown } from './breakdown.js';
import type { RunEvents } from './events.js';
import { startRssSampler, type LoopDelaySampler } from './meters.js';
import { cancelledResult, completedResult, failedResult, resultBase } from './results.js';
import type { SessionKeeper } from './session-keeper.js';

/** A session that does not close within this long is abandoned with a log line rather than hanging the run. */
const CLOSE_TIMEOUT_MS = 5_000;

/** Fault injection for tests, whatever shape the models accept on their context. */
export type Faults = ModelContext extends { faults?: infer F } ? F : never;

/** What every case of a run shares with the run. */
export interface SuiteState {
  spec: SuiteSpec;
  host: EngineHost;
  signal: AbortSignal;
  /** The model order's shuffle, seeded by the spec. */
  rng: () => number;
  events: RunEvents;
  loopDelay: LoopDelaySampler;
  breakdown: RunBreakdown;
  /** Every result of the run so far, in the order they ended. */
  results: ModelResult[];
  faults?: Faults;
  resolveModel?: (id: ModelId) => Model;
  /** Scaling searches: sessions are taken from and given back to this keeper rather than opened and closed. */
  keeper?: SessionKeeper;
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

/** Runs one case of the suite; throws only when the run is cancelled or something unexpected happens. */
export async function runCase(suite: SuiteState, caseSpec: CaseSpec): Promise<void> {
  await new CaseRun(suite, caseSpec).execute();
}

class CaseRun {
  private readonly slots: ModelSlot[];
  private readonly stepsPerModel: number;
  private readonly signal: AbortSignal;
  private readonly events: RunEvents;
  private prepared: PreparedCase | null = null;

  constructor(
    private readonly suite: SuiteState,
    private readonly caseSpec: CaseSpec,
  ) {
    this.slots = suite.spec.models.map<ModelSlot>((model) => ({
      model,
      session: null,
      samples: [],
      stepsDone: 0,
      finished: false,
    }));
    this.stepsPerModel = suite.spec.warmup + suite.spec.reps;
    this.signal = suite.signal;
    this.events = suite.events;
  }

  async execute(): Promise<void> {
    const { spec, breakdown } = this.suite;
    const caseSpec = this.caseSpec;
    const slots = this.slots;
    try {
      this.events.position = { caseId: caseSpec.id, model: spec.models[0], rep: 0, warmup: false };
      this.events.progress('prepare');
      const prepareStartMs = performance.now();
      let prepared: PreparedCase;
      try {
        prepared = await abortable(
          this.signal,
          prepareCase(caseSpec, this.suite.host, this.signal),
          (late) => {
            releaseCase(late).catch(() => {});
          },
        );
        this.prepared = prepared;
      } catch (caught) {
        throwIfAborted(this.signal);
        for (const slot of slots) this.fail(slot, `could not prepare the case: ${messageOf(caught)}`);
        return;
      } finally {
        breakdown.preparationMs += performance.now() - prepareStartMs;
      }

      const openStartMs = performance.now();
      for (const slot of slots) {
        throwIfAborted(this.signal);
        try {
          const context = this.contextFor(slot.model);
          const keeper = this.suite.keeper;
          slot.session =
            keeper?.take(slot.model, spec.workers, context.onWorkerProgress) ??
            (await abortable<ModelSession>(
              this.signal,
              keeper ? keeper.open(this.modelOf(slot), context) : this.modelOf(slot).open(context),
              (late) => {
                late.close().catch(() => {});
              },
            ));
        } catch (caught) {
          throwIfAborted(this.signal);
          this.fail(slot, `could not start: ${messageOf(caught)}`);
        }
      }
      breakdown.openMs += performance.now() - openStartMs;

      for (let w = 1; w <= spec.warmup; w++) {
        for (const slot of shuffled(slots, this.suite.rng)) {
          if (!slot.finished) await this.repetition(prepared, slot, 0, true);
        }
      }
      for (let rep = 1; rep <= spec.reps; rep++) {
        // Interleaved and reshuffled each repetition, so drift in machine load (thermal, other tenants)
        // spreads over every model instead of landing on whichever ran last.
        for (const slot of shuffled(slots, this.suite.rng)) {
          if (!slot.finished) await this.repetition(prepared, slot, rep, false);
        }
      }
      for (const slot of slots) {
        if (!slot.finished) this.complete(slot);
      }
    } catch (caught) {
      if (this.signal.aborted) {
        for (const slot of slots) if (!slot.finished) this.cancel(slot);
      }
      throw caught;
    } finally {
      this.events.position = null;
      const closeStartMs = performance.now();
      // A session that ran without failing goes back to the keeper, when there is one and the run goes on.
      const keeper = this.suite.keeper;
      if (keeper && !this.signal.aborted) {
        for (const slot of slots) {
          if (slot.session === null) continue;
          keeper.keep(slot.model, spec.workers, slot.session);
          slot.session = null;
        }
      }
      await Promise.all(slots.map((slot) => this.closeSlot(slot)));
      if (this.prepared) {
        await releaseCase(this.prepared).catch((caught: unknown) =>
          this.events.log('warn', `${caseSpec.id}: releasing the case failed: ${messageOf(caught)}`),
        );
      }
      breakdown.closeMs += performance.now() - closeStartMs;
    }
  }

  /** One warm-up or timed repetition of one model; a rejection or a wrong digest fails the (case, model). */
  private async repetition(
    prepared: PreparedCase,
    slot: ModelSlot,
    rep: number,
    warmup: boolean,
  ): Promise<void> {
    const session = slot.session;
    if (!session) throw new Error(`internal: ${slot.model} has no open session`);
    const { breakdown, loopDelay } = this.suite;
    this.events.position = { caseId: this.caseSpec.id, model: slot.model, rep, warmup };
    this.events.progress('start');

    let outDir: string | undefined;
    try {
      outDir = await this.repetitionOutDir(prepared, slot.model);
    } catch (caught) {
      this.fail(slot, `could not make an output folder: ${messageOf(caught)}`);
      await this.closeSlot(slot);
      return;
    }
    loopDelay.reset();
    const rss = startRssSampler();
    const cpuBefore = process.cpuUsage();
    let outcome: RepetitionOutcome;
    const runStartMs = performance.now();
    try {
      outcome = await abortable(
        this.signal,
        session.run(prepared, { warmup, ...(outDir ? { outDir } : {}) }),
      );
    } catch (caught) {
      // Partial outputs of a repetition that has no result are of no use to anyone.
      if (outDir) await this.removeOutputs(outDir);
      throwIfAborted(this.signal);
      this.fail(slot, messageOf(caught));
      await this.closeSlot(slot);
      return;
    } finally {
      rss.stop();
      breakdown.repetitionsMs += performance.now() - runStartMs;
    }
    // process.cpuUsage covers every thread of this process, so worker threads are included; children report theirs.
    const cpu = process.cpuUsage(cpuBefore);
    const loop = loopDelay.snapshotMs();

    this.events.progress('verify');
    const verifyStartMs = performance.now();
    const verification = verifyDigest(prepared.expected, outcome.digest);
    breakdown.verificationMs += performance.now() - verifyStartMs;
    // Verified (right or wrong): this repetition's outputs are now the ones its result shows; the earlier ones go.
    if (outDir) {
      if (slot.keptOutDir) await this.removeOutputs(slot.keptOutDir);
      slot.keptOutDir = outDir;
    }
    const sample = recordRepetition(breakdown, outcome, {
      rep,
      cpu,
      peakRssBytes: rss.peakBytes(),
      eventLoopDelayMs: loop,
      verification,
    });
    if (!warmup) slot.samples.push(sample);
    slot.stepsDone++;
    this.events.completedSteps++;
    this.events.progress('end');

    if (!verification.ok) {
      if (warmup) slot.samples.push(sample); // keep the offending digest visible even though warm-ups are not timed
      const reason = verification.reason ?? 'digest differs from the reference';
      const prefixed = reason.startsWith('wrong result') ? reason : `wrong result: ${reason}`;
      this.fail(slot, warmup ? `${prefixed} (in a warm-up run)` : prefixed);
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
      this.events.log('warn', `could not remove image outputs ${dir}: ${messageOf(caught)}`);
    }
  }

  private modelOf(slot: ModelSlot): Model {
    return (this.suite.resolveModel ?? getModel)(slot.model);
  }

  private contextFor(model: ModelId): ModelContext {
    const faults = this.suite.faults;
    return {
      host: this.suite.host,
      workers: this.suite.spec.workers,
      signal: this.signal,
      onWorkerProgress: (worker) => {
        if (this.events.position?.model !== model) return; // a late message from a repetition that already ended
        this.events.progress('worker', worker);
      },
      ...(faults === undefined ? {} : { faults }),
    };
  }

  private base(slot: ModelSlot): ReturnType<typeof resultBase> {
    return resultBase(this.caseSpec, slot.model, this.suite.spec.workers, slot.samples, this.prepared);
  }

  private complete(slot: ModelSlot): void {
    const { shuffleSeed } = this.suite.spec;
    this.finish(
      slot,
      completedResult(this.base(slot), this.caseSpec, shuffleSeed, () => this.modelOf(slot).matrixInputs),
    );
  }

  private fail(slot: ModelSlot, reason: string): void {
    this.events.completedSteps += this.stepsPerModel - slot.stepsDone;
    slot.stepsDone = this.stepsPerModel;
    this.finish(slot, failedResult(this.base(slot), reason));
  }

  private cancel(slot: ModelSlot): void {
    const { reps, shuffleSeed } = this.suite.spec;
    this.finish(
      slot,
      cancelledResult(
        this.base(slot),
        this.caseSpec,
        reps,
        shuffleSeed,
        () => this.modelOf(slot).matrixInputs,
      ),
    );
  }

  private finish(slot: ModelSlot, result: ModelResult): void {
    slot.finished = true;
    this.suite.results.push(result);
    this.events.result(result);
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
        this.events.log('warn', `${slot.model}: session did not close within ${CLOSE_TIMEOUT_MS} ms`);
    } catch (caught) {
      this.events.log('warn', `${slot.model}: closing the session failed: ${messageOf(caught)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
