// process-pool: N persistent child processes started in open() (warm), dynamic chunks dispatched to whichever
// child frees up first (the article's ProcessPoolExecutor). Warm memo: every child first fills its cache over
// the whole range (it may get any chunk), untimed.
import { performance } from 'node:perf_hooks';
import { ProcessPool } from '../hosts/process-pool.js';
import type { TaskDone } from '../hosts/task-link.js';
import {
  buildFillTask,
  dynamicChunks,
  mergeOutputs,
  outputRoom,
  roomFor,
  type ItemRange,
} from '../workloads/index.js';
import {
  CHILD_MATRIX_INPUTS,
  RepetitionTally,
  repetitionOutcome,
  countedTask,
  repetitionSetup,
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

/** Persistent child processes taking dynamic chunks as they free up. */
export const processPoolModel: Model = {
  id: 'process-pool',
  description: 'N persistent child processes, dynamic chunks dispatched as children free up',
  cold: false,
  matrixInputs: CHILD_MATRIX_INPUTS,
  open: (context: ModelContext): Promise<ModelSession> =>
    warmSession(context, {
      start: () =>
        ProcessPool.open(context.host.launcher, context.workers, {
          name: 'cbench-process-pool',
          signal: context.signal,
        }),
      stop: async (pool) => {
        await pool?.close();
      },
      run: (pool, prepared, options) => runOnce(context, pool, prepared, options),
    }),
};

async function runOnce(
  context: ModelContext,
  pool: ProcessPool,
  prepared: PreparedCase,
  options: RunOptions,
): Promise<RepetitionOutcome> {
  const setup = await repetitionSetup('process-pool', context, prepared, options);
  const { input, pass } = setup;
  const chunks = dynamicChunks(prepared, context.workers);
  if (input.workload === 'primes' && input.memo === 'warm') {
    await pool.broadcast(buildFillTask(input, { start: 0, end: prepared.itemCount }, pass));
  }
  const progress = new WorkerProgress(context);
  const tally = new RepetitionTally();
  let firstError: Error | undefined;

  const startMs = performance.now();
  const room = outputRoom(input);
  const settled = await Promise.allSettled(
    chunks.map((range, i): Promise<{ range: ItemRange; index: number; done: TaskDone }> => {
      const { task, transfer } = countedTask(setup, range, i, 'child', tally);
      return pool
        .run(task, {
          transfer,
          into: roomFor(input, room, range),
          onProgress: (index, d) => progress.report(index, tally.itemsOf(index) + d, prepared.itemCount),
        })
        .then(
          ({ index, done }) => {
            tally.addTask(index, range.end - range.start, done, 'task');
            return { range, index, done };
          },
          (error: Error) => {
            // Stop handing out chunks after the first failure; the ones running finish first.
            firstError ??= error;
            pool.dropQueued(`an earlier chunk failed: ${error.message}`);
            throw error;
          },
        );
    }),
  );
  if (firstError) throw firstError;
  const results = settled.map(
    (s) => (s as PromiseFulfilledResult<{ range: ItemRange; done: TaskDone }>).value,
  );
  const mergeStartMs = performance.now();
  const merged = await mergeOutputs(
    input,
    results.map((r) => ({ range: r.range, output: r.done.output })),
    room,
  );
  const endMs = performance.now();
  return repetitionOutcome(input, merged, { startMs, mergeStartMs, endMs }, tally, {
    startupMs: pool.startupMs,
    startupInWall: false,
  });
}
