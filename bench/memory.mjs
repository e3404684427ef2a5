#!/usr/bin/env node
// Memory footprint of every model on primes (memo off): the peak RSS of all processes involved (orchestrator,
// sampled every 20 ms, plus each child's own peak) for limit 1e6 and 1e7, one repetition each. Targets: under
// 300 MB per model at 1e7, and the footprint does not grow with the item count beyond the output list: the
// growth from 1e6 to 1e7, net of the orchestrator's own baseline shift before the first repetition (the
// reference sieve of the larger case), must stay within a few copies of the extra primes list (Int32, 4 bytes a
// prime: worker copy, message copy, merged list) plus a fixed slack for allocator and GC noise.
//   node bench/memory.mjs [--small 1000000] [--large 10000000]
// Needs the compiled engine (npm run build:node). Prints one JSON object.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { nodeHost } from '../dist/engine/host.js';
import { runSuite } from '../dist/engine/runner.js';
import { MODEL_IDS } from '../dist/shared/results.js';

const TARGET_PEAK_BYTES = 300 * 1024 * 1024;
/** Copies of the output list a model may hold at its peak (in the worker, in transit, merged) ... */
const OUTPUT_COPIES = 4;
/** ... plus this much for GC timing and allocator noise between two separate repetitions. */
const SLACK_BYTES = 32 * 1024 * 1024;

const { values } = parseArgs({
  options: { small: { type: 'string', default: '1000000' }, large: { type: 'string', default: '10000000' } },
});
const small = Number(values.small);
const large = Number(values.large);
for (const [name, v] of [
  ['small', small],
  ['large', large],
]) {
  if (!Number.isInteger(v) || v < 2)
    throw new Error(`--${name} must be an integer >= 2 (got ${values[name]})`);
}

const loadBefore = os.loadavg();
const baselineRss = new Map();
const primesCase = (limit) => ({
  id: `primes:limit=${limit}:memo=off`,
  params: { workload: 'primes', limit, memo: 'off' },
});
const outcome = await runSuite({
  spec: {
    suite: 'custom',
    cases: [primesCase(small), primesCase(large)],
    models: [...MODEL_IDS],
    workers: os.availableParallelism(),
    reps: 1,
    warmup: 0,
    shuffleSeed: 1,
  },
  host: nodeHost(),
  onEvent: (event) => {
    // The orchestrator's RSS once the case is prepared (reference sieve built) and every session is open,
    // before the first repetition: growth in it is the case's preparation, not any model's footprint.
    if (event.type === 'progress' && event.phase === 'start' && !baselineRss.has(event.caseId)) {
      baselineRss.set(event.caseId, process.memoryUsage.rss());
    }
  },
});

const find = (limit, model) =>
  outcome.results.find((r) => r.caseId === primesCase(limit).id && r.model === model);
const countOf = (r) => Number(r?.expected?.values.count ?? 0);
const models = MODEL_IDS.map((model) => {
  const a = find(small, model);
  const b = find(large, model);
  const peakSmall = a?.samples[0]?.peakRssBytes;
  const peakLarge = b?.samples[0]?.peakRssBytes;
  const outputDeltaBytes = (countOf(b) - countOf(a)) * 4;
  const growthBytes = peakLarge !== undefined && peakSmall !== undefined ? peakLarge - peakSmall : null;
  const baselineGrowthBytes =
    (baselineRss.get(primesCase(large).id) ?? 0) - (baselineRss.get(primesCase(small).id) ?? 0);
  const modelGrowthBytes = growthBytes === null ? null : growthBytes - baselineGrowthBytes;
  const allowedGrowthBytes = OUTPUT_COPIES * outputDeltaBytes + SLACK_BYTES;
  const ok = a?.status === 'ok' && b?.status === 'ok';
  return {
    model,
    status: ok ? 'ok' : `${a?.status}/${b?.status}: ${a?.reason ?? b?.reason ?? ''}`,
    peakMiB: { [small]: mib(peakSmall), [large]: mib(peakLarge) },
    growthMiB: mib(growthBytes),
    // growth net of the orchestrator's pre-run baseline shift (the 1e7 reference sieve and primes list)
    orchestratorBaselineGrowthMiB: mib(baselineGrowthBytes),
    modelGrowthMiB: mib(modelGrowthBytes),
    outputDeltaMiB: mib(outputDeltaBytes),
    allowedGrowthMiB: mib(allowedGrowthBytes),
    passPeak: ok && peakLarge < TARGET_PEAK_BYTES,
    passGrowth: ok && modelGrowthBytes !== null && modelGrowthBytes <= allowedGrowthBytes,
  };
});

console.log(
  JSON.stringify(
    {
      bench: 'memory',
      limits: [small, large],
      workers: os.availableParallelism(),
      loadAverage: { before: loadBefore.map(r1), after: os.loadavg().map(r1) },
      targetPeakMiB: mib(TARGET_PEAK_BYTES),
      models,
      pass: models.every((m) => m.passPeak && m.passGrowth),
    },
    null,
    2,
  ),
);

function mib(bytes) {
  return bytes === undefined || bytes === null ? null : Math.round((bytes / 1024 / 1024) * 10) / 10;
}
function r1(x) {
  return Math.round(x * 10) / 10;
}
