// Runs a scaling sweep or a break-even search as one run: a sequence of runner calls (src/engine/runner.ts
// does the repetitions, verification and statistics of every point), their events relayed as a single
// stream -- one plan, progress over the whole run, each point's results as they finish, one done. The
// analysis is not stored: it is recomputed from the results (src/shared/scaling.ts), live or from history.
import type { CaseSpec, ModelId, ModelResult, SuiteSpec } from '../../shared/results.js';
import {
  breakEvenPoints,
  crossingBracket,
  pointSide,
  sizeOf,
  type BreakEvenPlan,
  type SweepPlan,
} from '../../shared/scaling.js';
import type { RunSuiteOutcome } from '../runner.js';
import { caseFor } from '../suites.js';
import { withSize } from './plan.js';
import { Relay, type RunScalingOptions } from './relay.js';

export type { RunScalingOptions } from './relay.js';

/** Geometric step of the break-even search before bisection starts. */
export const BREAK_EVEN_FACTOR = 4;
/** Bisection stops once the bracket's ends are within this ratio (the crossing is then interpolated). */
export const BREAK_EVEN_RESOLUTION = 1.3;
/** At most this many bisection rounds, so a noisy model cannot keep the search going. */
const MAX_BISECTIONS = 6;
/**
 * Repetitions of a search point are sized by time, not fixed: where a repetition takes a few ms (where the
 * cheap models cross) three of them are noise, and many cost little; where it takes seconds the asked-for
 * count is enough. A point gets about this much measured time across its models, within [reps, MAX_REPS].
 */
export const POINT_BUDGET_MS = 1200;
const MAX_REPS = 25;
/**
 * Warm-ups by time too: a fresh child or pool at a small size needs several runs before its JIT settles,
 * while a repetition of ~WARMUP_BUDGET_MS or more warms itself in its first milliseconds.
 */
const WARMUP_BUDGET_MS = 200;
const MAX_WARMUP = 5;
/** Warm-ups of the first point, where nothing is known yet to size them by. */
const FIRST_POINT_WARMUP = 3;
/** A doubtful bisection point is measured again only when that costs at most this long. */
const RECHECK_BUDGET_MS = 3000;

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
  const measure = (size: number, models: ModelId[]): Promise<boolean> => {
    const point = ['sequential', ...models] as ModelId[];
    const { reps, warmup } = repetitionsAt(spec, relay.results, point, size);
    return relay.point(caseAt(size), point, plan.workers, { reps, warmup });
  };
  const fasterAt = (m: ModelId, size: number): boolean => {
    const points = breakEvenPoints(m, relay.results);
    const last = points[points.length - 1];
    return last !== undefined && last.size === size && last.speedup > 1;
  };

  for (let size = plan.minSize; pending.length > 0; size = Math.min(plan.maxSize, size * BREAK_EVEN_FACTOR)) {
    if (!(await measure(size, pending))) return;
    // A model faster here leaves the geometric steps, and its bracket is searched below this size only, so
    // one noisy reading would set it. Where that reading is not clear it is measured again (pooled): at the
    // first point, every model not clearly slower (every session is fresh and nothing sized its repetitions
    // yet); later, every model that reads faster with a speed-up CI reaching 1.
    const first = size === plan.minSize;
    const doubtful = pending.filter((m) => {
      const point = breakEvenPoints(m, relay.results).find((p) => p.size === size);
      if (point === undefined) return false;
      const side = pointSide(point);
      return first ? side !== 'slower' : side === 'unsure' && point.speedup > 1;
    });
    if (doubtful.length > 0 && !(await measure(size, doubtful))) return;
    pending = pending.filter((m) => !fasterAt(m, size));
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
      if (!(await measure(mid, models))) return;
      // A side is called only where the CIs separate: a doubtful midpoint is measured once more (pooled),
      // where that is cheap; beyond that its median decides and the crossing's fit absorbs the rest.
      const unsure = models.filter((m) => {
        const point = breakEvenPoints(m, relay.results).find((p) => p.size === mid);
        return point !== undefined && pointSide(point) === 'unsure';
      });
      const again = repetitionsAt(spec, relay.results, ['sequential', ...unsure], mid);
      if (unsure.length > 0 && again.expectedMs * (again.reps + again.warmup) <= RECHECK_BUDGET_MS) {
        if (!(await measure(mid, unsure))) return;
      }
    }
  }
}

/**
 * Repetitions and warm-ups for `models` at `size`: each model's time there is estimated from its nearest
 * measured size, scaled by how sequential's time has grown with size so far; the point then gets
 * POINT_BUDGET_MS of repetitions and WARMUP_BUDGET_MS of warm-ups, never fewer than the spec asks for.
 * expectedMs is the estimate of one repetition of all of them (Infinity where a model is not measured yet).
 */
export function repetitionsAt(
  spec: Pick<SuiteSpec, 'reps' | 'warmup'>,
  results: readonly ModelResult[],
  models: readonly ModelId[],
  size: number,
): { reps: number; warmup: number; expectedMs: number } {
  const measured = (m: ModelId): Array<{ size: number; ms: number }> =>
    results
      .filter((r) => r.model === m && r.summary && r.status !== 'failed')
      .map((r) => ({ size: sizeOf(r.params), ms: r.summary!.medianMs }));
  const sequential = measured('sequential').sort((a, b) => a.size - b.size);
  if (sequential.length === 0) {
    return { reps: spec.reps, warmup: Math.max(spec.warmup, FIRST_POINT_WARMUP), expectedMs: Infinity };
  }
  // Growth exponent of sequential's time between its two sizes nearest this one; 1 until there are two.
  const nearest = sequential
    .slice()
    .sort((a, b) => Math.abs(Math.log(a.size / size)) - Math.abs(Math.log(b.size / size)));
  const [a, b] = nearest;
  const exponent =
    b && a.size !== b.size && a.ms > 0 && b.ms > 0
      ? Math.min(3, Math.max(1, Math.log(a.ms / b.ms) / Math.log(a.size / b.size)))
      : 1;
  let totalMs = 0;
  for (const m of models) {
    const own = measured(m);
    if (own.length === 0) return { reps: spec.reps, warmup: spec.warmup, expectedMs: Infinity };
    const near = own.reduce((x, y) =>
      Math.abs(Math.log(y.size / size)) < Math.abs(Math.log(x.size / size)) ? y : x,
    );
    totalMs += near.ms * (size / near.size) ** exponent;
  }
  const within = (budget: number, min: number, max: number, round: (x: number) => number): number =>
    Math.max(min, Math.min(max, round(budget / Math.max(totalMs, 1e-3))));
  return {
    reps: within(POINT_BUDGET_MS, spec.reps, Math.max(spec.reps, MAX_REPS), Math.ceil),
    warmup: within(WARMUP_BUDGET_MS, spec.warmup, Math.max(spec.warmup, MAX_WARMUP), Math.round),
    expectedMs: totalMs,
  };
}
