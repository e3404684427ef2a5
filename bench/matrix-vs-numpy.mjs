#!/usr/bin/env node
// Our float64 matrix product against numpy's, on the same n x n inputs size, same machine, same minute, one
// process run: the tuned kernel on 1 core (in this process), the best parallel model on all cores (through the
// engine's runner, every product verified against the reference digest), and numpy's `dot` on all cores and on
// 1 core (OPENBLAS_NUM_THREADS=1) where a python3 with numpy is installed. Prints JSON with the ratios.
//   npm run build:node && node bench/matrix-vs-numpy.mjs [--size 3000] [--reps 3] [--models shared-memory,worker-pool]
// numpy is looked for in /usr/bin/python3 and python3 on PATH (the fastest is the reference); without it the
// JSON says "numpy not found".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** The target: the best model at no less than this share of numpy's GFLOP/s on the same cores. */
const TARGET_SHARE = 0.25;
const PYTHONS = ['/usr/bin/python3', 'python3'];

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (file) => pathToFileURL(path.join(root, 'dist/engine', file)).href;
if (!existsSync(path.join(root, 'dist/engine/runner.js'))) {
  throw new Error('dist/engine is missing: run "npm run build:node" first');
}
const { makeMatrices, matrixDigest, matrixReferenceDigest, MATRIX_TOLERANCE } = await import(
  dist('workloads/matrix.js')
);
const { wasmMultiplyRows, wasmKernelBuild, releaseWasmGemm } = await import(dist('workloads/matrix-wasm.js'));
const { nodeHost } = await import(dist('host.js'));
const { runSuite } = await import(dist('runner.js'));
const { buildSuiteSpec } = await import(dist('suites.js'));

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '3000' },
    reps: { type: 'string', default: '3' },
    models: { type: 'string', default: 'shared-memory,worker-pool' },
  },
});
const n = Number(values.size);
const reps = Number(values.reps);
if (!Number.isInteger(n) || n < 1 || n > 8192)
  throw new Error(`--size must be an integer in [1, 8192], got ${values.size}`);
if (!Number.isInteger(reps) || reps < 1)
  throw new Error(`--reps must be a positive integer, got ${values.reps}`);
const models = values.models.split(',');
const flop = 2 * n ** 3;
const gflops = (ms) => round(flop / ms / 1e6, 2);
const loadBefore = os.loadavg();

// 1. The tuned kernel on one core, here: best of `reps`, each call packing B and copying A and C as models do.
const { a, b } = makeMatrices(n, 1);
const expected = matrixReferenceDigest(a, b, n);
const c = new Float64Array(n * n);
let oneCoreMs = Infinity;
let phases;
for (let rep = 0; rep < reps; rep++) {
  releaseWasmGemm(); // a fresh instance: every repetition packs B again
  const startMs = performance.now();
  const timings = wasmMultiplyRows(a, 0, b, n, n, c, 0);
  const ms = performance.now() - startMs;
  if (ms < oneCoreMs) [oneCoreMs, phases] = [ms, timings];
}
const got = matrixDigest(c, n).approx;
const verified = Object.keys(expected.approx).every(
  (key) => Math.abs(got[key] - expected.approx[key]) <= MATRIX_TOLERANCE * Math.abs(expected.approx[key]),
);
if (!verified) throw new Error('the tuned kernel on one core gave a product that fails the reference digest');
releaseWasmGemm();

// 2. The parallel models on all cores, through the runner as the CLI runs them (warm-up 1, median of reps).
const host = nodeHost();
const spec = await buildSuiteSpec(
  { suite: 'article', workloads: ['matrix'], models, size: n, reps, warmup: 1, seed: 1 },
  host,
);
const outcome = await runSuite({ spec, host, onEvent: () => {} });
const modelRows = outcome.results.map((r) => ({
  model: r.model,
  status: r.status,
  ...(r.reason ? { reason: r.reason } : {}),
  medianMs: r.summary ? round(r.summary.medianMs, 1) : null,
  gflops: r.summary ? gflops(r.summary.medianMs) : null,
}));
const best = modelRows
  .filter((r) => r.status === 'ok')
  .reduce((x, y) => (x === undefined || y.medianMs < x.medianMs ? y : x), undefined);

// 3. numpy on the same size, all cores and one core.
const numpy = measureNumpy();

const share = (ours, theirs) => (ours && theirs ? round(ours / theirs, 3) : null);
const bestShare = share(best?.gflops, numpy.allCores?.gflops);
console.log(
  JSON.stringify(
    {
      bench: 'matrix-vs-numpy',
      n,
      reps,
      cpus: os.availableParallelism(),
      workers: spec.workers,
      node: process.version,
      loadAverage: {
        before: loadBefore.map((l) => round(l, 2)),
        after: os.loadavg().map((l) => round(l, 2)),
      },
      machineBusy: loadBefore[0] > os.availableParallelism() / 2,
      tunedOneCore: {
        build: wasmKernelBuild(),
        ms: round(oneCoreMs, 1),
        gflops: gflops(oneCoreMs),
        computeOnlyGflops: gflops(phases.computeMs),
        packBMs: round(phases.packBMs, 1),
        copyMs: round(phases.copyMs, 1),
        verified,
      },
      models: modelRows,
      bestModel: best ?? null,
      numpy,
      ratios: {
        bestModelVsNumpyAllCores: bestShare,
        tunedOneCoreVsNumpyOneCore: share(gflops(oneCoreMs), numpy.oneCore?.gflops),
      },
      target: { bestModelVsNumpyAllCores: TARGET_SHARE },
      pass: bestShare === null ? null : bestShare >= TARGET_SHARE,
    },
    null,
    2,
  ),
);

/**
 * numpy's dot, best of `reps` after one warm-up, from every interpreter that imports numpy; the reference is
 * the fastest, since which BLAS a numpy links differs (Debian's python3-numpy runs on the reference BLAS
 * unless OpenBLAS is the selected alternative; a pip wheel bundles OpenBLAS).
 */
function measureNumpy() {
  const script = `
import json, sys, time
import numpy as np
n, reps = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(1)
a = rng.random((n, n)); b = rng.random((n, n))
t0 = time.perf_counter()
np.dot(a, b)
first = time.perf_counter() - t0
# A numpy on the reference BLAS takes tens of seconds: its warm-up is then the one measurement.
times = [first] if first > 5 else []
for _ in range(reps if first <= 5 else 0):
    t0 = time.perf_counter()
    np.dot(a, b)
    times.append(time.perf_counter() - t0)
print(json.dumps({"numpy": np.__version__, "path": np.__file__, "ms": min(times) * 1000}))
`;
  const found = [];
  const tried = [];
  for (const python of PYTHONS) {
    const run = (threads) =>
      spawnSync(python, ['-c', script, String(n), String(reps)], {
        encoding: 'utf8',
        env: { ...process.env, ...(threads ? { OPENBLAS_NUM_THREADS: String(threads) } : {}) },
      });
    const parse = (result) => {
      if (result.status !== 0)
        return { error: (result.stderr ?? String(result.error)).trim().split('\n').at(-1) };
      const { ms } = JSON.parse(result.stdout);
      return { ms: round(ms, 1), gflops: gflops(ms) };
    };
    const all = run(undefined);
    if (all.status !== 0) {
      tried.push(python);
      continue;
    }
    const { numpy: version, path: where } = JSON.parse(all.stdout);
    // The same numpy through another name (a shim resolving to it) is measured once.
    if (found.some((f) => f.path === where)) continue;
    found.push({ python, version, path: where, allCores: parse(all), oneCore: parse(run(1)) });
  }
  if (found.length === 0) return { error: 'numpy not found', tried };
  const fastest = found.reduce((x, y) => ((y.allCores.gflops ?? 0) > (x.allCores.gflops ?? 0) ? y : x));
  return { ...fastest, interpreters: found, ...(tried.length ? { withoutNumpy: tried } : {}) };
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
