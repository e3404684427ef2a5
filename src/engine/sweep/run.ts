// Runs a scaling sweep or a break-even search as one run: a sequence of runner calls (src/engine/runner.ts
// does the repetitions, verification and statistics of every point), their events relayed as a single
// stream -- one plan, progress over the whole run, each point's results as they finish, one done. The
// analysis is not stored: it is recomputed from the results (src/shared/scaling.ts), live or from history.
import { randomUUID } from 'node:crypto';
import type { CaseSpec, ModelId, ModelResult, RunEvent, RunStatus, SuiteSpec } from '../../shared/results.js';
import {
  breakEvenPoints,
  crossingBracket,
  type BreakEvenPlan,
  type SweepPlan,
} from '../../shared/scaling.js';
import type { EngineHost } from '../host.js';
import {
  emptyBreakdown,
  runSuite,
  type RunBreakdown,
  type RunSuiteOptions,
  type RunSuiteOutcome,
} from '../runner.js';
import { caseFor } from '../suites.js';
import { withSize } from './plan.js';

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

/** Geometric step of the break-even search before bisection starts. */
export const BREAK_EVEN_FACTOR = 4;
/** Bisection stops once the bracket's ends are within this ratio (the crossing is then interpolated). */
export const BREAK_EVEN_RESOLUTION = 1.3;
/** At most this many bisection rounds, so a noisy model cannot keep the search going. */
const MAX_BISECTIONS = 6;

/** Runs a sweep or a break-even search (by spec.scaling.kind), streaming one run's events. */
export async function runScaling(options: RunScalingOptions): Promise<RunSuiteOutcome> {
  const plan = options.spec.scaling;
  if (!plan) throw new Error('runScaling needs a spec with a scaling plan');
  const relay = new Relay(options);
  return plan.kind === 'sweep'
    ? relay.execute(() => sweep(relay, plan))
    : relay.execute(() => breakEven(relay, plan));
}

async function sweep(relay: Relay, plan: SweepPlan): Promise<void> {
  const spec = relay.spec;
  const parallel = spec.models.filter((m) => m !== 'sequential');
  const steps = spec.warmup + spec.reps;
  relay.setTotal(
    plan.workerCounts.reduce(
      (sum, _n, i) => sum + steps * (parallel.length + (plan.weak || i === 0 ? 1 : 0)),
      0,
    ),
  );
  for (const [i, workers] of plan.workerCounts.entries()) {
    // Strong scaling needs sequential once (same size everywhere); weak scaling needs it at every size.
    const models: ModelId[] = plan.weak || i === 0 ? ['sequential', ...parallel] : parallel;
    if (!(await relay.point(spec.cases[i], models, workers))) return;
  }
}

/**
 * Geometric steps up from minSize, each model leaving once it is faster than sequential; then bisection of
 * each model's bracket (models sharing a bracket measured together) until it is narrow enough.
 */
async function breakEven(relay: Relay, plan: BreakEvenPlan): Promise<void> {
  const spec = relay.spec;
  const template = spec.cases[0].params;
  const steps = spec.warmup + spec.reps;
  let pending = spec.models.filter((m) => m !== 'sequential');
  const all = [...pending];
  const geometric = Math.ceil(Math.log(plan.maxSize / plan.minSize) / Math.log(BREAK_EVEN_FACTOR)) + 1;
  relay.setTotal(steps * (geometric * 2 + all.length * 4));
  const used = new Set<string>();
  const caseAt = (size: number): CaseSpec => {
    const base = caseFor(withSize(template, size));
    let id = base.id;
    for (let k = 2; used.has(id); k++) id = `${base.id}#${k}`;
    used.add(id);
    return { id, params: base.params };
  };

  for (let size = plan.minSize; pending.length > 0; size = Math.min(plan.maxSize, size * BREAK_EVEN_FACTOR)) {
    if (!(await relay.point(caseAt(size), ['sequential', ...pending], plan.workers))) return;
    pending = pending.filter((m) => {
      const points = breakEvenPoints(m, relay.results);
      const last = points[points.length - 1];
      return !(last && last.size === size && last.speedup > 1);
    });
    if (size >= plan.maxSize) break;
  }

  for (let round = 0; round < MAX_BISECTIONS; round++) {
    const groups = new Map<string, { lo: number; hi: number; models: ModelId[] }>();
    for (const m of all) {
      const bracket = crossingBracket(breakEvenPoints(m, relay.results));
      if (!bracket) continue;
      const [lo, hi] = [bracket[0].size, bracket[1].size];
      if (hi / lo <= BREAK_EVEN_RESOLUTION || hi - lo <= 1) continue;
      const key = `${lo}-${hi}`;
      const group = groups.get(key) ?? { lo, hi, models: [] };
      group.models.push(m);
      groups.set(key, group);
    }
    if (groups.size === 0) return;
    for (const { lo, hi, models } of groups.values()) {
      const mid = Math.round(Math.sqrt(lo * hi));
      if (!(await relay.point(caseAt(mid), ['sequential', ...models], plan.workers))) return;
    }
  }
}

/** Relays the runner's events of every point as the events of one run. */
class Relay {
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

  constructor(private readonly options: RunScalingOptions) {
    this.spec = options.spec;
    this.runId = options.runId ?? randomUUID();
    this.pointSeed = options.spec.shuffleSeed;
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

  /** Runs `models` on one case at `workers`; false when the run must stop (cancelled or failed). */
  async point(caseSpec: CaseSpec, models: ModelId[], workers: number): Promise<boolean> {
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
      reps: this.spec.reps,
      warmup: this.spec.warmup,
      shuffleSeed: this.pointSeed++ >>> 0,
    };
    const steps = (spec.warmup + spec.reps) * models.length;
    // The estimate of a search can run short: never show more steps done than planned.
    if (this.completedBefore + steps > this.totalSteps) this.totalSteps = this.completedBefore + steps;
    let done: Extract<RunEvent, { type: 'done' }> | undefined;
    const point = await runSuite({
      spec,
      host: this.options.host,
      runId: this.runId,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...(this.options.resolveModel ? { resolveModel: this.options.resolveModel } : {}),
      onEvent: (event) => {
        switch (event.type) {
          case 'plan':
            return;
          case 'progress':
            this.options.onEvent({
              ...event,
              completedSteps: this.completedBefore + event.completedSteps,
              totalSteps: this.totalSteps,
            });
            return;
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
