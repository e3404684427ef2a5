// worker-pool: a piscina pool of N threads opened once (warm), dynamic chunks submitted futures-style with
// pool.run() (the article's concurrent.futures). Warm memo: N fill tasks over the whole range meet at a
// barrier, so each thread fills its own cache exactly once before the clock starts.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import type { PoolReply, TaskSpec } from '../../shared/protocol.js';
import type { EngineHost } from '../host.js';
import { epochNowMs } from '../hosts/clock.js';
import { buildFillTask, dynamicChunks, mergeOutputs, type ItemRange } from '../workloads/index.js';
import {
  countedTask,
  RepetitionTally,
  repetitionOutcome,
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

/** The compiled piscina task module, next to the worker entry. */
export function poolTaskFile(host: EngineHost): string {
  return path.join(path.dirname(host.workerEntry), 'pool-task.js');
}

/** A piscina pool of exactly `threads` threads, every one started and loaded when this resolves. */
export async function openThreadPool(
  host: EngineHost,
  threads: number,
): Promise<{ pool: Piscina; startupMs: number }> {
  if (!Number.isInteger(threads) || threads < 1)
    throw new Error(`worker pool size must be a positive integer (got ${threads})`);
  const startMs = performance.now();
  const pool = new Piscina({
    filename: poolTaskFile(host),
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
  });
  try {
    // Every thread must have loaded the task module: N tasks that wait for each other occupy all N threads.
    const task: TaskSpec = { kind: 'noop', barrier: barrierFor(threads) };
    const replies = await Promise.all(
      Array.from({ length: threads }, () => pool.run(task) as Promise<PoolReply>),
    );
    const failed = replies.find((r) => !r.ok);
    if (failed && !failed.ok) throw new Error(`worker pool thread failed to start: ${failed.message}`);
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  return { pool, startupMs: performance.now() - startMs };
}

// One barrier object per batch of `parties` tasks; built per call so that batches never share a counter.
function barrierFor(parties: number): { sab: SharedArrayBuffer; parties: number } {
  return { sab: new SharedArrayBuffer(4), parties };
}

/** A persistent piscina pool, dynamic chunks, futures-style run(). */
export const workerPoolModel: Model = {
  id: 'worker-pool',
  description: 'A persistent piscina thread pool, dynamic chunks, futures-style run()',
  cold: false,
  matrixInputs:
    'each pool thread copies its rows of A out of shared memory per task, and all of B once: it keeps B (and its packing) across tasks and repetitions while seed and size are unchanged (copies counted as transfer)',
  async open(context: ModelContext): Promise<ModelSession> {
    let destroyed: Promise<void> | undefined;
    const threadIndex = new Map<number, number>();
    return warmSession(context, {
      start: () => openThreadPool(context.host, context.workers),
      stop: (opened) => {
        if (!opened) return Promise.resolve();
        destroyed ??= opened.pool.destroy();
        return destroyed;
      },
      run: async (opened, prepared, options) => {
        if (destroyed) throw new Error('worker pool is closed');
        return runOnce(context, opened.pool, threadIndex, opened.startupMs, prepared, options);
      },
    });
  },
};

interface Finished {
  range: ItemRange;
  index: number;
  reply: Extract<PoolReply, { ok: true }>;
  submittedAtMs: number;
  arrivedAtMs: number;
}

async function runOnce(
  context: ModelContext,
  pool: Piscina,
  threadIndex: Map<number, number>,
  startupMs: number,
  prepared: PreparedCase,
  options: RunOptions,
): Promise<RepetitionOutcome> {
  const setup = await repetitionSetup('worker-pool', context, prepared, options);
  const { input, pass } = setup;
  const chunks = dynamicChunks(prepared, context.workers);
  const indexOf = (threadId: number): number => {
    let index = threadIndex.get(threadId);
    if (index === undefined) threadIndex.set(threadId, (index = threadIndex.size));
    return index;
  };
  if (input.workload === 'primes' && input.memo === 'warm') {
    const barrier = barrierFor(context.workers);
    const fill = buildFillTask(input, { start: 0, end: prepared.itemCount }, pass, barrier);
    const replies = (await Promise.all(
      Array.from({ length: context.workers }, () => pool.run(fill)),
    )) as PoolReply[];
    const failed = replies.find((r) => !r.ok);
    if (failed && !failed.ok) throw new Error(`worker ${indexOf(failed.threadId)} threw: ${failed.message}`);
  }
  const progress = new WorkerProgress(context);
  const tally = new RepetitionTally();
  let firstError: Error | undefined;

  const startMs = performance.now();
  const settled = await Promise.allSettled(
    chunks.map(async (range, i): Promise<Finished> => {
      const { task, transfer } = countedTask(setup, range, i, 'thread', tally);
      const submittedAtMs = epochNowMs();
      let reply: PoolReply;
      try {
        reply = (await pool.run(task, { transferList: transfer })) as PoolReply;
      } catch (error) {
        // piscina rejects when a thread dies under a task (it replaces the thread).
        firstError ??= new Error(
          `a worker pool thread died during the repetition: ${(error as Error).message}`,
        );
        throw firstError;
      }
      const arrivedAtMs = epochNowMs();
      const index = indexOf(reply.threadId);
      if (!reply.ok) {
        firstError ??= new Error(`worker ${index} threw: ${reply.message}`);
        throw firstError;
      }
      tally.addCompute(index, range.end - range.start, reply.computeMs);
      progress.report(index, tally.itemsOf(index), prepared.itemCount);
      return { range, index, reply, submittedAtMs, arrivedAtMs };
    }),
  );
  if (firstError) throw firstError;
  const finished = settled.map((s) => (s as PromiseFulfilledResult<Finished>).value);
  const mergeStartMs = performance.now();
  const merged = await mergeOutputs(
    input,
    finished.map((f) => ({ range: f.range, output: f.reply.output })),
  );
  const endMs = performance.now();
  tally.transferMs += transferOf(finished);
  return repetitionOutcome(input, merged, { startMs, mergeStartMs, endMs }, tally, {
    startupMs,
    startupInWall: false,
  });
}

/**
 * Message time of the pool's tasks. Tasks wait in piscina's queue while every thread is busy, so a task's
 * inbound time runs from when it could first have been taken (submitted, and its thread done with the task
 * before) to when the thread held it; outbound from the thread posting the result to the promise settling.
 * piscina hands a thread its next task before this side has taken the previous result, so on one thread an
 * outbound and the next inbound overlap: each thread's message time is the union of its intervals (summed
 * over threads, as compute is).
 */
function transferOf(finished: Finished[]): number {
  let totalMs = 0;
  const byThread = new Map<number, Finished[]>();
  for (const f of finished) byThread.set(f.index, [...(byThread.get(f.index) ?? []), f]);
  for (const list of byThread.values()) {
    list.sort((x, y) => x.reply.receivedAtMs - y.reply.receivedAtMs);
    const intervals: Array<[number, number]> = [];
    let previousPostedAtMs = -Infinity;
    for (const f of list) {
      intervals.push([Math.max(f.submittedAtMs, previousPostedAtMs), f.reply.receivedAtMs]);
      intervals.push([f.reply.postedAtMs, f.arrivedAtMs]);
      previousPostedAtMs = f.reply.postedAtMs;
    }
    totalMs += unionLengthMs(intervals);
  }
  return totalMs;
}

/** Total length covered by the intervals, overlaps counted once; empty or reversed intervals count 0. */
export function unionLengthMs(intervals: ReadonlyArray<readonly [number, number]>): number {
  const sorted = intervals.filter(([from, to]) => to > from).sort((x, y) => x[0] - y[0]);
  let totalMs = 0;
  let openFrom = -Infinity;
  let openTo = -Infinity;
  for (const [from, to] of sorted) {
    if (from > openTo) {
      if (openTo > openFrom) totalMs += openTo - openFrom;
      openFrom = from;
      openTo = to;
    } else if (to > openTo) {
      openTo = to;
    }
  }
  if (openTo > openFrom) totalMs += openTo - openFrom;
  return totalMs;
}
