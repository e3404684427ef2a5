#!/usr/bin/env node
// The whole `article` suite (primes 300000 memo off and warm, the 4 bundled images to 128x128, matrix 3000x3000
// tuned), all seven models, 1 repetition and no warm-up: total seconds (target <= 30 s) and where the time goes:
// per case the preparation (reference digest), per (case, model) the step's wall time from the runner's
// 'start' to 'end' events (model wall time + the runner's verification), its start-up, and the median.
//   node bench/article.mjs
// Needs the compiled engine (npm run build:node) and the samples (npm run samples). Prints one JSON object.
import os from 'node:os';
import { nodeHost } from '../dist/engine/host.js';
import { runSuite } from '../dist/engine/runner.js';
import { buildSuiteSpec } from '../dist/engine/suites.js';

const TARGET_TOTAL_S = 30;
const host = nodeHost();
const spec = await buildSuiteSpec({ suite: 'article', reps: 1, warmup: 0, seed: 1 }, host);
const loadBefore = os.loadavg();

const marks = []; // [ms, event]
const startedMs = performance.now();
const outcome = await runSuite({
  spec,
  host,
  onEvent: (event) => {
    if (event.type === 'progress' && event.phase !== 'worker') marks.push([performance.now(), event]);
    if (event.type === 'done') marks.push([performance.now(), event]);
  },
});
const totalS = (performance.now() - startedMs) / 1000;

// Phases from the event stream: prepare -> (sessions open) -> start/end per model.
const cases = spec.cases.map((c) => {
  const own = marks.filter(([, e]) => e.caseId === c.id);
  const prepareAt = own.find(([, e]) => e.phase === 'prepare')?.[0];
  const firstStart = own.find(([, e]) => e.phase === 'start')?.[0];
  const nextCase = marks.find(([t, e]) => t > (own.at(-1)?.[0] ?? 0) && e.caseId !== c.id)?.[0];
  const steps = spec.models.map((model) => {
    const start = own.find(([, e]) => e.model === model && e.phase === 'start')?.[0];
    const end = own.find(([, e]) => e.model === model && e.phase === 'end')?.[0];
    const result = outcome.results.find((r) => r.caseId === c.id && r.model === model);
    const sample = result?.samples[0];
    return {
      model,
      status: result?.status ?? 'missing',
      ...(result?.reason ? { reason: result.reason } : {}),
      stepS: start !== undefined && end !== undefined ? r2((end - start) / 1000) : null,
      wallMs: r1(sample?.wallMs),
      medianMs: r1(result?.summary?.medianMs),
      startupMs: r1(sample?.startupMs),
      startupInWall: sample?.startupInWall ?? null,
      cpuMs: r1(sample?.cpuMs),
    };
  });
  return {
    caseId: c.id,
    // preparation (reference digest) plus opening the seven sessions (pools, long-lived children)
    prepareAndOpenS:
      prepareAt !== undefined && firstStart !== undefined ? r2((firstStart - prepareAt) / 1000) : null,
    modelsS: r2(steps.reduce((sum, s) => sum + (s.stepS ?? 0), 0)),
    caseS: prepareAt !== undefined ? r2(((nextCase ?? startedMs + totalS * 1000) - prepareAt) / 1000) : null,
    steps,
  };
});

const allVerified = outcome.results.every((r) => r.status === 'ok');
// CPU time of every repetition (orchestrator + children): on a busy machine wall time stretches but this
// does not, so it shows what the suite costs; wall time on idle cores is roughly CPU / parallelism.
const stepsCpuS =
  outcome.results.reduce((sum, r) => sum + r.samples.reduce((a, s) => a + s.cpuMs, 0), 0) / 1000;
console.log(
  JSON.stringify(
    {
      bench: 'article',
      suite: 'article',
      reps: 1,
      warmup: 0,
      workers: spec.workers,
      models: spec.models.length,
      loadAverage: { before: loadBefore.map(r1), after: os.loadavg().map(r1) },
      status: outcome.status,
      allVerified,
      totalS: r2(totalS),
      stepsCpuS: r2(stepsCpuS),
      machineBusy: loadBefore[0] > os.availableParallelism(),
      target: TARGET_TOTAL_S,
      // The runner's own account (the line `cbench run` prints after its table), in seconds.
      breakdownS: Object.fromEntries(
        Object.entries(outcome.breakdown).map(([k, ms]) => [k.replace(/Ms$/, ''), r2(ms / 1000)]),
      ),
      cases,
      pass: allVerified && outcome.status === 'completed' && totalS <= TARGET_TOTAL_S,
    },
    null,
    2,
  ),
);

function r1(x) {
  return x === undefined || x === null ? null : Math.round(x * 10) / 10;
}
function r2(x) {
  return Math.round(x * 100) / 100;
}
