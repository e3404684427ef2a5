#!/usr/bin/env node
// Parallel scaling on the CPU-bound workload: primes to 1e7 by trial division, memo off, every parallel model
// against sequential, 3 interleaved repetitions each, through the real runner. Target: the best parallel model
// at least 1.85x faster than sequential on a 2-core machine (median vs median, measured in one run).
//   node bench/scaling.mjs [--limit 10000000] [--reps 3]
// Needs the compiled engine (npm run build:node). Prints one JSON object.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { nodeHost } from '../dist/engine/host.js';
import { runSuite } from '../dist/engine/runner.js';

const TARGET_SPEEDUP = 1.85;
const { values } = parseArgs({
  options: { limit: { type: 'string', default: '10000000' }, reps: { type: 'string', default: '3' } },
});
const limit = Number(values.limit);
const reps = Number(values.reps);
if (!Number.isInteger(limit) || limit < 2)
  throw new Error(`--limit must be an integer >= 2 (got ${values.limit})`);
if (!Number.isInteger(reps) || reps < 1)
  throw new Error(`--reps must be a positive integer (got ${values.reps})`);

const models = ['sequential', 'worker-threads', 'worker-pool', 'processes', 'process-pool', 'shared-memory'];
const workers = os.availableParallelism();
const loadBefore = os.loadavg();
const startedMs = performance.now();
const outcome = await runSuite({
  spec: {
    suite: 'custom',
    cases: [{ id: `primes:limit=${limit}:memo=off`, params: { workload: 'primes', limit, memo: 'off' } }],
    models,
    workers,
    reps,
    warmup: 0,
    shuffleSeed: 1,
  },
  host: nodeHost(),
  onEvent: () => {},
});
const totalS = (performance.now() - startedMs) / 1000;

const byModel = Object.fromEntries(outcome.results.map((r) => [r.model, r]));
const seq = byModel.sequential?.summary?.medianMs;
const rows = outcome.results.map((r) => ({
  model: r.model,
  status: r.status,
  ...(r.reason ? { reason: r.reason } : {}),
  medianMs: round(r.summary?.medianMs),
  madMs: round(r.summary?.madMs),
  startupMs: round(r.startupMs),
  speedup: seq && r.summary && r.status === 'ok' ? round(seq / r.summary.medianMs, 3) : null,
  cpuMs: round(median(r.samples.map((s) => s.cpuMs))),
  workerComputeMs: r.samples.at(-1)?.workers.map((w) => round(w.computeMs)),
  // max / min compute time over workers: a static partition of trial division gives the top range more work
  computeImbalance: imbalance(r.samples.at(-1)?.workers ?? []),
}));
const seqCpu = median(byModel.sequential?.samples.map((s) => s.cpuMs) ?? []);
for (const row of rows) {
  // CPU time relative to sequential: ~1 means parallelism adds little work, so on idle cores
  // the speed-up could approach workers / (cpuRatio x imbalance); a busy machine hides that in wall time.
  row.cpuRatio = seqCpu && row.cpuMs ? round(row.cpuMs / seqCpu, 3) : null;
}
const parallel = rows.filter((r) => r.model !== 'sequential' && r.speedup !== null);
const best = parallel.reduce((a, b) => (b.speedup > (a?.speedup ?? 0) ? b : a), undefined);
const allVerified = outcome.results.every((r) => r.status === 'ok');

console.log(
  JSON.stringify(
    {
      bench: 'scaling',
      limit,
      reps,
      workers,
      cpus: os.availableParallelism(),
      loadAverage: { before: loadBefore.map((x) => round(x)), after: os.loadavg().map((x) => round(x)) },
      // with a load average above the core count, the cores are shared and wall-clock speed-ups are capped
      machineBusy: loadBefore[0] > os.availableParallelism(),
      totalS: round(totalS),
      models: rows,
      best: best ? { model: best.model, speedup: best.speedup } : null,
      target: TARGET_SPEEDUP,
      allVerified,
      pass: allVerified && best !== undefined && best.speedup >= TARGET_SPEEDUP,
    },
    null,
    2,
  ),
);

function imbalance(workers) {
  const times = workers.map((w) => w.computeMs).filter((t) => t > 0);
  return times.length > 1 ? round(Math.max(...times) / Math.min(...times), 2) : null;
}

function median(xs) {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(x, digits = 1) {
  if (x === undefined || x === null) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
