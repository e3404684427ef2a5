// Runs a suite: plan -> per case (prepare once, open every model, warm-up, interleaved repetitions) -> done.
// The runner owns what no model can measure about itself from the inside: the orchestrator's CPU time,
// peak memory and event-loop delay around each repetition, and the verification of every output against
// the case's reference digest. Outcomes are data: a failing model becomes a `failed` result
// and the suite goes on; only cancellation and unexpected exceptions end it early, and both still end
// with a `done` event. The jobs live in run/: the case loop (case-run.ts), the event stream (events.ts),
// the meters (meters.ts), the time account (breakdown.ts), results and their notes (results.ts, notes.ts).
import { randomUUID } from 'node:crypto';
import type { ModelId, ModelResult, RunEvent, RunStatus, SuiteSpec } from '../shared/results.js';
import type { EngineHost } from './host.js';
import type { Model } from './models/types.js';
import { messageOf, throwIfAborted } from './run/abortable.js';
import { emptyBreakdown, type RunBreakdown } from './run/breakdown.js';
import { runCase, type Faults, type SuiteState } from './run/case-run.js';
import { RunEvents } from './run/events.js';
import { LOOP_RESOLUTION_MS, LoopDelaySampler } from './run/meters.js';
import type { SessionKeeper } from './run/session-keeper.js';
import { seededRng } from './stats/shuffle.js';
import { pruneImageOutputs } from './workloads/index.js';

export { emptyBreakdown, type RunBreakdown } from './run/breakdown.js';
export { LARGE_SPREAD } from './run/notes.js';

/** What runSuite needs: the suite, the host, where events go, and how to cancel. */
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
  /** Sessions kept open across runs (a break-even search's points); the caller closes what it holds. */
  keeper?: SessionKeeper;
}

/** How a run ended: its status, every result, and where its time went. */
export interface RunSuiteOutcome {
  runId: string;
  status: RunStatus;
  results: ModelResult[];
  /** Where the run's wall time went. */
  breakdown: RunBreakdown;
}

/** Runs every (case, model) of `spec` with interleaved, shuffled repetitions, streaming RunEvents. */
export async function runSuite(options: RunSuiteOptions): Promise<RunSuiteOutcome> {
  const spec = options.spec;
  const runId = options.runId ?? randomUUID();
  const signal = options.signal ?? new AbortController().signal;
  const loopDelay = new LoopDelaySampler(LOOP_RESOLUTION_MS);
  const totalSteps = (spec.warmup + spec.reps) * spec.models.length * spec.cases.length;
  const events = new RunEvents(runId, totalSteps, options.onEvent, loopDelay);
  const startedMs = performance.now();
  const suite: SuiteState = {
    spec,
    host: options.host,
    signal,
    rng: seededRng(spec.shuffleSeed),
    events,
    loopDelay,
    breakdown: emptyBreakdown(),
    results: [],
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.resolveModel === undefined ? {} : { resolveModel: options.resolveModel }),
    ...(options.keeper === undefined ? {} : { keeper: options.keeper }),
  };

  let status: RunStatus = 'completed';
  let error: string | undefined;
  loopDelay.start();
  try {
    events.emit({ type: 'plan', runId, spec, totalSteps, startedAt: new Date().toISOString() });
    await pruneOldImageOutputs(events);
    for (const caseSpec of spec.cases) {
      throwIfAborted(signal);
      await runCase(suite, caseSpec);
    }
  } catch (caught) {
    if (signal.aborted) {
      status = 'cancelled';
    } else {
      status = 'failed';
      error = messageOf(caught);
    }
  } finally {
    loopDelay.stop();
  }
  if (status === 'completed' && signal.aborted) status = 'cancelled';
  const done: RunEvent = {
    type: 'done',
    runId,
    status,
    endedAt: new Date().toISOString(),
    results: suite.results,
    ...(error === undefined ? {} : { error }),
  };
  try {
    events.emit(done);
  } catch {
    // The listener failing on the last event cannot be reported through the listener; the outcome still is.
  }
  suite.breakdown.totalMs = performance.now() - startedMs;
  return { runId, status, results: suite.results, breakdown: suite.breakdown };
}

/** Image outputs of earlier runs in the default temp folder are kept a day, then removed as a run starts. */
async function pruneOldImageOutputs(events: RunEvents): Promise<void> {
  try {
    await pruneImageOutputs();
  } catch (caught) {
    events.log('warn', `could not prune old image outputs: ${messageOf(caught)}`);
  }
}
