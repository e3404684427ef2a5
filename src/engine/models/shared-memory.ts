// shared-memory: N worker threads started in open() (warm) over SharedArrayBuffers. Work is handed out by
// Atomics.add on a shared counter and results are written in place: primes into a shared flags array (merged
// by one scan), matrix rows straight into C, images claimed file by file. Nothing but tiny messages crosses
// threads and nothing is copied: A and B were made in shared memory when the case was prepared (untimed, as
// every model's inputs are), so the workers read them where they are. C is one buffer per matrix size for the
// session, zeroed before each repetition (untimed) so that a row no worker wrote can never pass for a right
// one: a fresh SharedArrayBuffer per repetition would pile up, since V8 frees one only once every thread that
// saw it has collected it, and threads busy multiplying rarely collect.
// Memo: `cold` gets a fresh shared cache per repetition; `warm` keeps one shared cache for the session,
// filled by an untimed pass (claimed through the same counter) before the timed pass.
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { TaskSpec } from '../../shared/protocol.js';
import { TaskLink, type TaskDone } from '../hosts/task-link.js';
import { collectFiles, scanPrimeFlags, type MergedOutput } from '../workloads/index.js';
import { WASM_ROWS_PER_CALL } from '../workloads/matrix-wasm.js';
import {
  RepetitionTally,
  repetitionOutcome,
  repetitionSetup,
  requireWorkers,
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

/** Threads over shared memory, work claimed with Atomics. */
export const sharedMemoryModel: Model = {
  id: 'shared-memory',
  description:
    'N warm worker threads over SharedArrayBuffers, work claimed by Atomics.add, zero-copy results',
  cold: false,
  async open(context: ModelContext): Promise<ModelSession> {
    requireWorkers(context);
    const startMs = performance.now();
    const links = Array.from({ length: context.workers }, (_, i) =>
      TaskLink.thread(i, context.host.workerEntry),
    );
    const memos = new Map<number, SharedArrayBuffer>();
    const products = new Map<number, SharedArrayBuffer>();
    return warmSession(context, {
      start: async () => {
        await Promise.all(links.map((link) => link.ready));
        return { startupMs: performance.now() - startMs };
      },
      stop: async () => {
        await Promise.all(links.map((link) => link.terminate()));
      },
      run: (opened, prepared, options) =>
        runOnce(context, links, { memos, products }, opened.startupMs, prepared, options),
    });
  },
};

function newCounter(first: number): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(4);
  new Int32Array(sab)[0] = first;
  return sab;
}

async function runOnce(
  context: ModelContext,
  links: TaskLink[],
  { memos, products }: { memos: Map<number, SharedArrayBuffer>; products: Map<number, SharedArrayBuffer> },
  openStartupMs: number,
  prepared: PreparedCase,
  options: RunOptions,
): Promise<RepetitionOutcome> {
  const { input, outDir, fault } = await repetitionSetup('shared-memory', context, prepared, options);
  const workers = links.length;
  const progress = new WorkerProgress(context);
  const tally = new RepetitionTally();

  // Warm memo: one shared cache per limit for the whole session, filled before the clock starts.
  let warmMemo: SharedArrayBuffer | undefined;
  if (input.workload === 'primes' && input.memo === 'warm') {
    warmMemo = memos.get(input.limit);
    if (!warmMemo) memos.set(input.limit, (warmMemo = new SharedArrayBuffer(input.limit + 1)));
    const fill: TaskSpec = {
      kind: 'shared-primes',
      counter: newCounter(2),
      chunk: primesChunk(input.limit, workers),
      limit: input.limit,
      flags: new SharedArrayBuffer(input.limit + 1),
      memo: warmMemo,
      fill: true,
    };
    await Promise.all(links.map((link) => link.run(fill)));
  }

  let product: SharedArrayBuffer | undefined;
  if (input.workload === 'matrix') {
    product = products.get(input.n);
    if (!product) products.set(input.n, (product = new SharedArrayBuffer(input.n * input.n * 8)));
    else await zeroSliced(new Float64Array(product));
  }

  const startMs = performance.now();
  let task: TaskSpec;
  let merge: (results: TaskDone[]) => MergedOutput;
  switch (input.workload) {
    case 'primes': {
      const flags = new SharedArrayBuffer(input.limit + 1);
      const memo = input.memo === 'off' ? undefined : (warmMemo ?? new SharedArrayBuffer(input.limit + 1));
      task = {
        kind: 'shared-primes',
        counter: newCounter(2),
        chunk: primesChunk(input.limit, workers),
        limit: input.limit,
        flags,
        ...(memo ? { memo } : {}),
      };
      merge = () => ({ kind: 'primes', primes: scanPrimeFlags(new Uint8Array(flags), input.limit) });
      break;
    }
    case 'matrix': {
      const { n } = input;
      const a = input.a.buffer;
      const b = input.b.buffer;
      if (!(a instanceof SharedArrayBuffer) || !(b instanceof SharedArrayBuffer)) {
        throw new Error('matrix inputs must be in shared memory (prepared by prepareCase)');
      }
      const c = product!;
      // Fewer, larger claims for ml-matrix: it converts all of B to its own format on every call; the tuned
      // kernel streams all of B per call, so its claims are at least WASM_ROWS_PER_CALL rows (or all of n).
      const chunk =
        input.kernel === 'ml-matrix'
          ? Math.ceil(n / (workers * 2))
          : Math.max(Math.min(n, WASM_ROWS_PER_CALL), Math.ceil(n / (workers * 16)));
      task = { kind: 'shared-matrix', counter: newCounter(0), chunk, n, kernel: input.kernel, a, b, c };
      // C already holds the product: there is nothing to merge.
      merge = () => ({ kind: 'matrix', c: new Float64Array(c) });
      break;
    }
    case 'images': {
      task = {
        kind: 'shared-images',
        counter: newCounter(0),
        files: input.files,
        outDir: outDir!,
        width: input.width,
        height: input.height,
      };
      merge = (results) => ({
        kind: 'images',
        files: collectFiles(
          input.files.length,
          results.map((r) =>
            r.output.kind === 'shared'
              ? { indices: r.output.indices ?? [], files: r.output.files ?? [] }
              : { indices: [], files: [] },
          ),
        ),
      });
      break;
    }
  }
  const setupMs = performance.now() - startMs;
  tally.transferMs += setupMs;

  const results = await Promise.all(
    links.map((link, i) =>
      link.run(fault?.worker === i ? { ...task, fault: fault.kind } : task, {
        onProgress: (d, t) => progress.report(i, d, t),
      }),
    ),
  );
  const mergeStartMs = performance.now();
  const merged = merge(results);
  const endMs = performance.now();
  results.forEach((done, i) =>
    tally.addTask(i, done.output.kind === 'shared' ? done.output.items : 0, done, 'none'),
  );
  return repetitionOutcome(input, merged, { startMs, mergeStartMs, endMs }, tally, {
    startupMs: openStartupMs,
    startupInWall: false,
  });
}

/** Zeroes `array` a couple of MB at a time, letting the event loop run in between. */
async function zeroSliced(array: Float64Array): Promise<void> {
  const step = (2 * 1024 * 1024) / Float64Array.BYTES_PER_ELEMENT;
  for (let at = 0; at < array.length; at += step) {
    array.fill(0, at, Math.min(at + step, array.length));
    await yieldToEventLoop();
  }
}

/** Numbers claimed per Atomics.add: enough claims for balance, few enough that the counter is not contended. */
function primesChunk(limit: number, workers: number): number {
  return Math.max(256, Math.ceil((limit - 1) / (workers * 64)));
}
