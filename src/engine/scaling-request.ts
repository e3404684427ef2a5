// The GUI's run:start request for a sweep or a break-even search, turned into its spec by the same builders
// the CLI uses (sweep/plan.ts), so both faces accept and refuse the same things.
import type { StartRunRequest } from '../shared/ipc.js';
import type { SuiteSpec } from '../shared/results.js';
import type { EngineHost } from './host.js';
import { SuiteOptionError } from './suites.js';
import { buildBreakEvenSpec, buildSweepSpec } from './sweep/plan.js';

/** A sweep or break-even spec from the GUI's request: exactly one workload, the rest as for a custom run. */
export function buildScalingSpec(
  request: Omit<StartRunRequest, 'save'>,
  host: EngineHost,
  checkImage?: (file: string) => Promise<void>,
): Promise<SuiteSpec> {
  const scaling = request.scaling!;
  if (request.workloads?.length !== 1) {
    throw new SuiteOptionError(
      'workloads',
      'workloads: a sweep or break-even search takes exactly one workload',
    );
  }
  const common = {
    workload: request.workloads[0],
    ...(request.models ? { models: request.models } : {}),
    ...(request.memo ? { memo: request.memo } : {}),
    ...(request.kernel ? { kernel: request.kernel } : {}),
    ...(request.images ? { images: request.images } : {}),
    ...(request.reps !== undefined ? { reps: request.reps } : {}),
    ...(request.warmup !== undefined ? { warmup: request.warmup } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
  };
  if (scaling.kind === 'sweep') {
    return buildSweepSpec(
      {
        ...common,
        ...(scaling.workerCounts ? { workers: scaling.workerCounts } : {}),
        ...(scaling.weak ? { weak: true } : {}),
        ...(request.limit !== undefined ? { limit: request.limit } : {}),
        ...(request.size !== undefined ? { size: request.size } : {}),
      },
      host,
      checkImage,
    );
  }
  return buildBreakEvenSpec(
    {
      ...common,
      ...(request.workers !== undefined ? { workers: request.workers } : {}),
      ...(scaling.minSize !== undefined ? { minSize: scaling.minSize } : {}),
      ...(scaling.maxSize !== undefined ? { maxSize: scaling.maxSize } : {}),
    },
    host,
    checkImage,
  );
}
