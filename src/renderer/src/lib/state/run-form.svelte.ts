// The New run form's choices (suite, scaling options, custom workloads, models, counts) and the request
// they make: checked here, in words the form can show, before the service validates it again.
import type { StartRunRequest } from '../../../../shared/ipc.js';
import {
  MEMO_MODES,
  MODEL_IDS,
  WORKLOAD_IDS,
  type MatrixKernel,
  type MemoMode,
  type ModelId,
  type SuiteId,
  type WorkloadId,
} from '../../../../shared/results.js';
import { PARALLEL_MODEL_IDS } from '../../../../shared/scaling.js';

export class RunForm {
  suite = $state<SuiteId | 'scaling'>('quick');
  scalingKind = $state<'sweep' | 'break-even'>('sweep');
  scalingWorkload = $state<WorkloadId>('primes');
  workerCounts = $state('');
  weak = $state(false);
  sweepSize = $state<number | null>(null);
  minSize = $state<number | null>(null);
  maxSize = $state<number | null>(null);
  workloads = $state<WorkloadId[]>(['primes', 'images', 'matrix']);
  models = $state<ModelId[]>([...MODEL_IDS]);
  limit = $state(100_000);
  memo = $state<MemoMode[]>(['off']);
  size = $state(300);
  kernel = $state<MatrixKernel>('tuned');
  workers = $state<number | null>(null);
  reps = $state<number | null>(null);
  warmup = $state<number | null>(null);

  #buildScalingRequest(): StartRunRequest | string {
    const parallel = PARALLEL_MODEL_IDS.filter((m) => this.models.includes(m));
    if (parallel.length === 0)
      return 'Choose at least one parallel model (sequential is always the baseline).';
    const request: StartRunRequest = { suite: 'custom', workloads: [this.scalingWorkload], models: parallel };
    if (this.scalingKind === 'sweep') {
      const counts = this.workerCounts
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      if (counts.some((c) => !/^\d+$/.test(c) || Number(c) < 1 || Number(c) > 256))
        return 'Worker counts must be whole numbers from 1 to 256, separated by commas.';
      if (this.sweepSize !== null) {
        if (!Number.isInteger(this.sweepSize) || this.sweepSize < 1)
          return 'The size at 1 worker must be a positive whole number.';
        if (this.scalingWorkload === 'primes') request.limit = this.sweepSize;
        else if (this.scalingWorkload === 'matrix') request.size = this.sweepSize;
      }
      const unique = counts.map(Number).filter((n, i, all) => all.indexOf(n) === i);
      request.scaling = {
        kind: 'sweep',
        ...(unique.length > 0 ? { workerCounts: unique } : {}),
        ...(this.weak ? { weak: true } : {}),
      };
    } else {
      for (const [name, v] of [
        ['Smallest size', this.minSize],
        ['Largest size', this.maxSize],
      ] as const) {
        if (v !== null && (!Number.isInteger(v) || v < 1)) return `${name} must be a positive whole number.`;
      }
      if (this.minSize !== null && this.maxSize !== null && this.minSize >= this.maxSize)
        return 'The smallest size must be below the largest.';
      request.scaling = {
        kind: 'break-even',
        ...(this.minSize !== null ? { minSize: this.minSize } : {}),
        ...(this.maxSize !== null ? { maxSize: this.maxSize } : {}),
      };
      if (this.workers !== null) request.workers = this.workers;
    }
    if (this.reps !== null) request.reps = this.reps;
    if (this.warmup !== null) request.warmup = this.warmup;
    return request;
  }

  /** The request to start, or the sentence saying what to fix in the form. */
  build(): StartRunRequest | string {
    if (this.suite === 'scaling') return this.#buildScalingRequest();
    if (this.models.length === 0) return 'Choose at least one model.';
    const request: StartRunRequest = { suite: this.suite };
    if (this.models.length !== MODEL_IDS.length)
      request.models = MODEL_IDS.filter((m) => this.models.includes(m));
    if (this.workers !== null) {
      if (!Number.isInteger(this.workers) || this.workers < 1 || this.workers > 256)
        return 'Workers must be a whole number from 1 to 256.';
      request.workers = this.workers;
    }
    if (this.reps !== null) {
      if (!Number.isInteger(this.reps) || this.reps < 1 || this.reps > 1000)
        return 'Repetitions must be a whole number from 1 to 1000.';
      request.reps = this.reps;
    }
    if (this.warmup !== null) {
      if (!Number.isInteger(this.warmup) || this.warmup < 0 || this.warmup > 100)
        return 'Warm-up runs must be a whole number from 0 to 100.';
      request.warmup = this.warmup;
    }
    if (this.suite === 'custom') {
      if (this.workloads.length === 0) return 'Choose at least one workload.';
      request.workloads = WORKLOAD_IDS.filter((w) => this.workloads.includes(w));
      if (this.workloads.includes('primes')) {
        if (!Number.isInteger(this.limit) || this.limit < 1 || this.limit > 2_000_000_000)
          return 'Primes limit must be a whole number from 1 to 2,000,000,000.';
        if (this.memo.length === 0) return 'Choose at least one memoization mode for primes.';
        request.limit = this.limit;
        request.memo = MEMO_MODES.filter((m) => this.memo.includes(m));
      }
      if (this.workloads.includes('matrix')) {
        if (!Number.isInteger(this.size) || this.size < 1 || this.size > 8192)
          return 'Matrix size must be a whole number from 1 to 8192.';
        request.size = this.size;
        request.kernel = this.kernel;
      }
    }
    return request;
  }
}

/** The list with `item` added, or removed when it was there. */
export function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
