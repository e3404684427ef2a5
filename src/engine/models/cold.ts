// The two cold models (the article's threading and multiprocessing.Pool): N workers spawned inside every
// repetition, a static equal partition, results sent back and merged. Start-up is inside wallMs and is also
// reported on its own. With warm memo, the workers first fill their caches over their own ranges, and the
// clock starts after that (start-up is then reported but not inside wallMs).
import { performance } from 'node:perf_hooks';
import { setTimeout as nextTurn } from 'node:timers/promises';
import type { ModelId } from '../../shared/results.js';
import { TaskLink, type TaskDone } from '../hosts/task-link.js';
import {
  buildFillTask,
  mergeOutputs,
  outputRoom,
  partition,
  roomFor,
  type ItemRange,
} from '../workloads/index.js';
import {
  abortError,
  CHILD_MATRIX_INPUTS,
  RepetitionTally,
  repetitionOutcome,
  countedTask,
  repetitionSetup,
  requireWorkers,
  WorkerProgress,
} from './common.js';
import { coldSession } from './session.js';
import type {
  Model,
  ModelContext,
  ModelSession,
  PreparedCase,
  RepetitionOutcome,
  RunOptions,
} from './types.js';

/** A cold model over worker threads ('thread') or child processes ('child'). */
export function coldModel(id: ModelId, description: string, kind: 'thread' | 'child'): Model {
  return {
    id,
    description,
    cold: true,
    ...(kind === 'child' ? { matrixInputs: CHILD_MATRIX_INPUTS } : {}),
    async open(context: ModelContext): Promise<ModelSession> {
      requireWorkers(context);
      const live = new Set<TaskLink>();
      const stop = async (): Promise<void> => {
        await Promise.all([...live].map((link) => link.terminate()));
      };
      const spawn = (index: number): TaskLink => {
        const link =
          kind === 'thread'
            ? TaskLink.thread(index, context.host.workerEntry)
            : TaskLink.child(index, context.host.launcher, `cbench-${id}-${index}`);
        live.add(link);
        return link;
      };
      return coldSession(context, stop, async (prepared, options) => {
        const links: TaskLink[] = [];
        try {
          return await runOnce(id, kind, context, prepared, options, (i) => {
            const link = spawn(i);
            links.push(link);
            return link;
          });
        } finally {
          await Promise.all(links.map((link) => link.terminate()));
          for (const link of links) live.delete(link);
        }
      });
    },
  };
}

async function runOnce(
  id: ModelId,
  kind: 'thread' | 'child',
  context: ModelContext,
  prepared: PreparedCase,
  options: RunOptions,
  spawn: (index: number) => TaskLink,
): Promise<RepetitionOutcome> {
  const setup = await repetitionSetup(id, context, prepared, options);
  const { input, pass } = setup;
  const ranges = partition(prepared.itemCount, context.workers);
  const warmFill = input.workload === 'primes' && input.memo === 'warm';
  const progress = new WorkerProgress(context);
  const tally = new RepetitionTally();

  let startMs = performance.now();
  const links: TaskLink[] = [];
  for (let i = 0; i < ranges.length; i++) {
    // One start per turn of the event loop, timers included: under plain Node, forking holds the forking
    // thread for about 5 ms per 100 MB of its memory (page tables), tens of ms with the matrices in memory.
    if (i > 0) await nextTurn();
    if (context.signal.aborted) throw abortError(context.signal);
    links.push(spawn(i));
  }
  if (warmFill) {
    await Promise.all(links.map((link) => link.ready));
    await Promise.all(links.map((link, i) => link.run(buildFillTask(input, ranges[i], pass))));
    startMs = performance.now();
  }
  // Child processes' results are read straight into the merged product; threads' arrive as moved buffers.
  const room = kind === 'child' ? outputRoom(input) : undefined;
  // Each worker gets its share as soon as it is ready, not when the slowest one is.
  const results = await Promise.all(
    links.map(async (link, i): Promise<{ range: ItemRange; done: TaskDone }> => {
      await link.ready;
      const { task, transfer } = countedTask(setup, ranges[i], i, kind, tally);
      const done = await link.run(task, {
        transfer,
        into: roomFor(input, room, ranges[i]),
        onProgress: (d, t) => progress.report(i, d, t),
      });
      return { range: ranges[i], done };
    }),
  );
  const mergeStartMs = performance.now();
  const merged = await mergeOutputs(
    input,
    results.map((r) => ({ range: r.range, output: r.done.output })),
    room,
  );
  const endMs = performance.now();
  results.forEach((r, i) =>
    tally.addTask(i, r.range.end - r.range.start, r.done, kind === 'child' ? 'lifetime' : 'none'),
  );
  return repetitionOutcome(input, merged, { startMs, mergeStartMs, endMs }, tally, {
    // A fresh worker also loads its workload's kernel modules (sharp, the matrix kernels) on its first task.
    startupMs: Math.max(...links.map((link, i) => link.startupMs + results[i].done.loadMs)),
    startupInWall: !warmFill,
  });
}
