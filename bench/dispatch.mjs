#!/usr/bin/env node
// Dispatch overhead of the two pools: the round trip of an empty task (submit -> worker -> result back in the
// orchestrator), one at a time, median over many after a warm-up. Targets: worker pool (piscina) <= 100 us,
// process pool (persistent children over IPC) <= 300 us.
//   node bench/dispatch.mjs [--count 2000] [--warmup 200]
// Needs the compiled engine (npm run build:node). Prints one JSON object.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { nodeHost } from '../dist/engine/host.js';
import { ProcessPool } from '../dist/engine/hosts/process-pool.js';
import { openThreadPool } from '../dist/engine/models/worker-pool.js';

const TARGET_WORKER_POOL_US = 100;
const TARGET_PROCESS_POOL_US = 300;
const { values } = parseArgs({
  options: { count: { type: 'string', default: '2000' }, warmup: { type: 'string', default: '200' } },
});
const count = Number(values.count);
const warmup = Number(values.warmup);
if (!Number.isInteger(count) || count < 1)
  throw new Error(`--count must be a positive integer (got ${values.count})`);
if (!Number.isInteger(warmup) || warmup < 0)
  throw new Error(`--warmup must be a non-negative integer (got ${values.warmup})`);

/** Median and p90 in microseconds of `count` sequential round trips of `once`, after `warmup` untimed ones. */
async function measure(once) {
  for (let i = 0; i < warmup; i++) await once();
  const samplesUs = [];
  for (let i = 0; i < count; i++) {
    const startMs = performance.now();
    await once();
    samplesUs.push((performance.now() - startMs) * 1000);
  }
  samplesUs.sort((a, b) => a - b);
  const at = (q) => samplesUs[Math.min(samplesUs.length - 1, Math.floor(q * samplesUs.length))];
  return { medianUs: round(at(0.5)), p90Us: round(at(0.9)), minUs: round(samplesUs[0]) };
}
const round = (x) => Math.round(x * 10) / 10;
const noop = { kind: 'noop' };

const host = nodeHost();
const { pool: threadPool } = await openThreadPool(host, 1);
let workerPool;
try {
  workerPool = await measure(async () => {
    const reply = await threadPool.run(noop);
    if (!reply.ok) throw new Error(`worker pool task failed: ${reply.message}`);
  });
} finally {
  await threadPool.destroy();
}

const processPool = await ProcessPool.open(host.launcher, 1, { name: 'cbench-dispatch' });
let processes;
try {
  processes = await measure(async () => {
    await processPool.run(noop);
  });
} finally {
  await processPool.close();
}

console.log(
  JSON.stringify(
    {
      bench: 'dispatch',
      count,
      warmup,
      workerPool: {
        ...workerPool,
        targetUs: TARGET_WORKER_POOL_US,
        pass: workerPool.medianUs <= TARGET_WORKER_POOL_US,
      },
      processPool: {
        ...processes,
        targetUs: TARGET_PROCESS_POOL_US,
        pass: processes.medianUs <= TARGET_PROCESS_POOL_US,
      },
    },
    null,
    2,
  ),
);
