// The two single-threaded models run in one long-lived child process (so the host stays responsive and
// the orchestrator's own event loop is not what is measured): started in open(), warm for every repetition.
import { performance } from 'node:perf_hooks';
import type { ModelId } from '../../shared/results.js';
import { TaskLink } from '../hosts/task-link.js';
import {
  buildFillTask,
  buildTask,
  mergeOutputs,
  outputRoom,
  roomFor,
  type CaseInput,
} from '../workloads/index.js';
import {
  CHILD_MATRIX_INPUTS,
  repetitionSetup,
  RepetitionTally,
  repetitionOutcome,
  WorkerProgress,
} from './common.js';
import { warmSession } from './session.js';
import type {
  Model,
  ModelContext,
  ModelSession,
  PreparedCase,
  RepetitionOutcome,
  RunOptions,
} from './types.js';

/** How one child runs the whole case: a plain loop, or `asyncChunks` concurrent async functions. */
export type AsyncChunking = (input: CaseInput, itemCount: number) => number | undefined;

/** A model whose repetitions run as one task in a long-lived child process. */
export function singleChildModel(id: ModelId, description: string, chunking: AsyncChunking): Model {
  return {
    id,
    description,
    cold: false,
    matrixInputs: CHILD_MATRIX_INPUTS,
    async open(context: ModelContext): Promise<ModelSession> {
      const link = TaskLink.child(0, context.host.launcher, `cbench-${id}`);
      return warmSession(context, {
        start: () => link.ready.then(() => link),
        stop: () => link.terminate(),
        run: (_started, prepared, options) => runOnce(id, context, link, prepared, options, chunking),
      });
    },
  };
}

async function runOnce(
  id: ModelId,
  context: ModelContext,
  link: TaskLink,
  prepared: PreparedCase,
  options: RunOptions,
  chunking: AsyncChunking,
): Promise<RepetitionOutcome> {
  const { input, pass, outDir, fault } = await repetitionSetup(id, context, prepared, options);
  const range = { start: 0, end: prepared.itemCount };
  // Warm memo: an untimed pass over the whole range fills the child's cache, then the timed pass reads it.
  if (input.workload === 'primes' && input.memo === 'warm') await link.run(buildFillTask(input, range, pass));

  const progress = new WorkerProgress(context);
  const tally = new RepetitionTally();
  const startMs = performance.now();
  const { task, transfer } = buildTask(input, range, {
    pass,
    outDir,
    fault: fault?.kind,
    asyncChunks: chunking(input, prepared.itemCount),
    target: 'child',
  });
  tally.transferMs += performance.now() - startMs;
  const room = outputRoom(input);
  const done = await link.run(task, {
    transfer,
    into: roomFor(input, room, range),
    onProgress: (d, t) => progress.report(0, d, t),
  });
  const mergeStartMs = performance.now();
  const merged = await mergeOutputs(input, [{ range, output: done.output }], room);
  const endMs = performance.now();
  tally.addTask(0, prepared.itemCount, done, 'task');
  return repetitionOutcome(input, merged, { startMs, mergeStartMs, endMs }, tally, {
    startupMs: link.startupMs,
    startupInWall: false,
  });
}
