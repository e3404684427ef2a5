// One run out of many: the scaling runner calls the suite runner once per point, and the Relay turns their
// events into a single stream (one plan, progress over the whole run, every point's results, one done).
import { randomUUID } from 'node:crypto';
import type { CaseSpec, ModelId, ModelResult, RunEvent, RunStatus, SuiteSpec } from '../../shared/results.js';
import {
  emptyBreakdown,
  runSuite,
  type RunBreakdown,
  type RunSuiteOptions,
  type RunSuiteOutcome,
} from '../runner.js';
import { SessionKeeper } from '../run/session-keeper.js';
import type { EngineHost } from '../host.js';

/** What runScaling (run.ts) is given. */
export interface RunScalingOptions {
  /** A spec from buildSweepSpec or buildBreakEvenSpec. */
  spec: SuiteSpec;
  host: EngineHost;
  runId?: string;
  signal?: AbortSignal;
  onEvent: (event: RunEvent) => void;
  /** Tests only: as for runSuite. */
  resolveModel?: RunSuiteOptions['resolveModel'];
}

/** Relays the runner's events of every point as the events of one run. */
export class Relay {
  readonly spec: SuiteSpec;
  readonly runId: string;
  readonly results: ModelResult[] = [];
  private completedBefore = 0;
  private totalSteps = 0;
  private status: RunStatus = 'completed';
  private error: string | undefined;
  private pointSeed: number;
  /** Where the time of every point went, summed; totalMs is the whole sweep's. */
  private readonly breakdown: RunBreakdown = emptyBreakdown();
  /**
   * A search runs every point at one worker count: its pools and long-lived children stay open from point to
   * point rather than starting cold at each size. (A sweep changes the count at every point: nothing to keep.)
   */
  private readonly keeper: SessionKeeper | undefined;

  constructor(private readonly options: RunScalingOptions) {
    this.spec = options.spec;
    this.runId = options.runId ?? randomUUID();
    this.pointSeed = options.spec.shuffleSeed;
    this.keeper = options.spec.scaling?.kind === 'break-even' ? new SessionKeeper() : undefined;
  }

  setTotal(totalSteps: number): void {
    this.totalSteps = totalSteps;
  }

  async execute(body: () => Promise<void>): Promise<RunSuiteOutcome> {
    // The plan goes out before any point runs, with the estimate of the steps the body sets first.
    const started = new Date().toISOString();
    const startedMs = performance.now();
    let planned = false;
    const plan = (): void => {
      if (planned) return;
      planned = true;
      this.options.onEvent({
        type: 'plan',
        runId: this.runId,
        spec: this.spec,
        totalSteps: this.totalSteps,
        startedAt: started,
      });
    };
    this.beforePoint = plan;
    try {
      await body();
    } catch (caught) {
      if (!this.options.signal?.aborted) {
        this.status = 'failed';
        this.error = caught instanceof Error ? caught.message : String(caught);
      } else {
        this.status = 'cancelled';
      }
    }
    // Every kept pool and child is gone before done is announced.
    const closeStartMs = performance.now();
    await this.keeper?.closeAll();
    this.breakdown.closeMs += performance.now() - closeStartMs;
    plan();
    if (this.status === 'completed' && this.options.signal?.aborted) this.status = 'cancelled';
    this.options.onEvent({
      type: 'done',
      runId: this.runId,
      status: this.status,
      endedAt: new Date().toISOString(),
      results: this.results,
      ...(this.error === undefined ? {} : { error: this.error }),
    });
    this.breakdown.totalMs = performance.now() - startedMs;
    return { runId: this.runId, status: this.status, results: this.results, breakdown: this.breakdown };
  }

  private beforePoint: () => void = () => {};

  /**
   * Runs `models` on one case at `workers` (with `counts` instead of the spec's repetitions and warm-ups
   * when given); false when the run must stop (cancelled or failed).
   */
  async point(
    caseSpec: CaseSpec,
    models: ModelId[],
    workers: number,
    counts?: { reps: number; warmup: number },
  ): Promise<boolean> {
    this.beforePoint();
    if (this.options.signal?.aborted) {
      this.status = 'cancelled';
      return false;
    }
    const spec: SuiteSpec = {
      suite: this.spec.suite,
      cases: [caseSpec],
      models,
      workers,
      reps: counts?.reps ?? this.spec.reps,
      warmup: counts?.warmup ?? this.spec.warmup,
      shuffleSeed: this.pointSeed++ >>> 0,
    };
    const steps = (spec.warmup + spec.reps) * models.length;
    // The estimate counted each point at the spec's repetitions: a point sized by time adds its extra
    // steps as it starts, so the bar does not fill while the search goes on; and never more done than planned.
    this.totalSteps += Math.max(0, steps - (this.spec.warmup + this.spec.reps) * models.length);
    if (this.completedBefore + steps > this.totalSteps) this.totalSteps = this.completedBefore + steps;
    let done: Extract<RunEvent, { type: 'done' }> | undefined;
    const point = await runSuite({
      ...(this.keeper ? { keeper: this.keeper } : {}),
      spec,
      host: this.options.host,
      runId: this.runId,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...(this.options.resolveModel ? { resolveModel: this.options.resolveModel } : {}),
      onEvent: (event) => {
        switch (event.type) {
          case 'plan':
            return;
          case 'progress': {
            const relayed: RunEvent = {
              ...event,
              completedSteps: this.completedBefore + event.completedSteps,
              totalSteps: this.totalSteps,
              point: { reps: spec.reps, warmup: spec.warmup },
            };
            this.options.onEvent(relayed);
            return;
          }
          case 'result':
            this.results.push(event.result);
            this.options.onEvent(event);
            return;
          case 'done':
            done = event;
            // Results the runner only reports at the end (cancelled ones) join the run's.
            for (const r of event.results) if (!this.results.includes(r)) this.results.push(r);
            return;
          default:
            this.options.onEvent(event);
        }
      },
    });
    for (const key of Object.keys(point.breakdown) as Array<keyof RunBreakdown>) {
      if (key !== 'totalMs') this.breakdown[key] += point.breakdown[key];
    }
    this.completedBefore += steps;
    if (!done || done.status === 'completed') return true;
    this.status = done.status;
    if (done.error !== undefined) this.error = done.error;
    return false;
  }
}
