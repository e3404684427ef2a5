#!/usr/bin/env node
// Self-benchmark of the run history: with N runs stored (default 10,000), how long listing, filtering and
// comparing two runs take, and how long importing a 1,000-run bundle takes. Prints JSON with the targets
// from the "Run history" issue and whether each passed. Runs against the compiled store in dist/
// (npm run build:node first). Flags: --runs N, --import-runs N, --reps N (timed repetitions per query),
// --keep (leave the database in the temp folder).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(path.join(root, 'dist', 'engine', p)).href;
if (!existsSync(path.join(root, 'dist', 'engine', 'store', 'index.js'))) {
  process.stderr.write('bench/history.mjs: dist/ is missing; run "npm run build:node" first\n');
  process.exit(1);
}
const { openStore } = await import(dist('store/index.js'));
const { compareRuns } = await import(dist('stats/compare.js'));

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}
const RUNS = flag('runs', 10_000);
const IMPORT_RUNS = flag('import-runs', 1_000);
const REPS = flag('reps', 9);
const KEEP = process.argv.includes('--keep');
const TARGETS_MS = { list: 50, filter: 50, compare: 50, import: 2000 };

// The quick suite's shape: primes, images (2 files) and matrix, all seven models, 3 repetitions.
const MODELS = [
  'sequential',
  'async',
  'worker-threads',
  'worker-pool',
  'processes',
  'process-pool',
  'shared-memory',
];
const CASES = [
  { id: 'primes:limit=20000:memo=off', params: { workload: 'primes', limit: 20000, memo: 'off' } },
  {
    id: 'images:files=2:128x128',
    params: {
      workload: 'images',
      inputs: ['/opt/cbench/samples/1280x720.jpg', '/opt/cbench/samples/1920x1080.jpg'],
      width: 128,
      height: 128,
    },
  },
  {
    id: 'matrix:size=128:kernel=tuned',
    params: { workload: 'matrix', size: 128, seed: 20240607, kernel: 'tuned' },
  },
];
const REPS_PER_RESULT = 3;

let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function machineInfo(i) {
  const fingerprint = (i.toString(16).padStart(8, '0') + 'f00dbabe').repeat(2);
  return {
    fingerprint,
    label: `bench-machine-${i}`,
    cpu: {
      manufacturer: 'AMD',
      brand: `EPYC ${7000 + i}`,
      vendor: 'AMD',
      family: '25',
      model: '17',
      cores: 4 + i,
      threads: 8 + 2 * i,
      speedBaseGHz: null,
      speedMaxGHz: null,
      cacheL1dBytes: 32768,
      cacheL2Bytes: 1048576,
      cacheL3Bytes: null,
      flags: ['avx2', 'fma'],
      governor: null,
      virtualization: null,
    },
    memoryBytes: 16 * 1024 ** 3,
    os: { platform: 'linux', distro: 'Debian GNU/Linux', release: '12', kernel: '6.1.0', arch: 'x64' },
    runtime: { node: i % 2 ? '20.20.2' : '22.11.0', v8: '11.3.244.8', electron: null, uv: '1.46.0' },
    noise: [],
  };
}

function sample(rep, wallMs, workers, files) {
  const out = {
    rep,
    wallMs,
    startupMs: 2 + random() * 30,
    startupInWall: false,
    transferMs: random(),
    computeMs: { min: wallMs * 0.4, max: wallMs * 0.5, sum: wallMs * 0.9 },
    mergeMs: random() * 0.1,
    cpuMs: wallMs * workers * 0.9,
    peakRssBytes: 60_000_000 + Math.floor(random() * 9e7),
    eventLoopDelayMs: { p50: 0.05, p99: random() * 2, max: random() * 5 },
    workers: Array.from({ length: workers }, (_, index) => ({
      index,
      items: 1000,
      computeMs: wallMs * 0.45,
    })),
    digest: { values: { count: 2262, sum: 19990000, hash: randomUUID().slice(0, 16) } },
    verification: { ok: true },
  };
  if (files)
    out.files = files.map((input) => ({
      input,
      ok: true,
      output: `${input}.out.png`,
      inputWidth: 1920,
      inputHeight: 1080,
      inputBytes: 400000,
      format: 'jpeg',
      pixelHash: 'abcdef0123456789',
    }));
  return out;
}

function results() {
  const out = [];
  for (const c of CASES) {
    for (const model of MODELS) {
      const workers = model === 'sequential' || model === 'async' ? 1 : 2;
      const base = 5 + random() * 50;
      const walls = Array.from({ length: REPS_PER_RESULT }, () => base * (0.95 + random() * 0.1));
      const sorted = [...walls].sort((a, b) => a - b);
      out.push({
        caseId: c.id,
        workload: c.params.workload,
        model,
        params: c.params,
        workers,
        status: 'ok',
        samples: walls.map((w, i) =>
          sample(i + 1, w, workers, c.params.workload === 'images' ? c.params.inputs : undefined),
        ),
        summary: {
          n: walls.length,
          medianMs: sorted[1],
          madMs: (sorted[2] - sorted[0]) / 2,
          meanMs: walls.reduce((a, b) => a + b) / walls.length,
          minMs: sorted[0],
          maxMs: sorted[2],
          ci95Ms: [sorted[0], sorted[2]],
          outliers: [],
          relativeSpread: 0.03,
        },
        startupMs: 10 + random() * 20,
        warnings: [],
        expected: { values: { count: 2262, sum: 19990000, hash: 'x' } },
      });
    }
  }
  return out;
}

const spec = {
  suite: 'quick',
  cases: CASES,
  models: MODELS,
  workers: 2,
  reps: REPS_PER_RESULT,
  warmup: 1,
  shuffleSeed: 7,
};

/** Inserts `count` completed runs through the store API, spread over machines and the last two years. */
function populate(store, count, startMs, idPrefix) {
  const machines = Array.from({ length: 5 }, (_, i) => store.upsertMachine(machineInfo(i)));
  const ids = [];
  const insert = store.db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const m = machines[i % machines.length];
      const runId = `${idPrefix}-${String(i).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
      const startedAt = new Date(startMs + i * 3_600_000).toISOString();
      store.beginRun({
        runId,
        spec: { ...spec, suite: i % 4 === 0 ? 'article' : 'quick' },
        startedAt,
        machineId: m.id,
        appVersion: '0.1.0',
        nodeVersion: m.runtime.node,
        v8Version: m.runtime.v8,
        electronVersion: null,
        noise: [],
        pid: null,
        hostname: null,
      });
      store.runs.addResultsUnsafe(runId, results());
      store.finishRun(runId, 'completed', new Date(Date.parse(startedAt) + 60_000).toISOString());
      ids.push(runId);
    }
  });
  for (let from = 0; from < count; from += 500) insert(from, Math.min(count, from + 500));
  return ids;
}

function timeIt(fn) {
  fn(); // warm the statement cache and the page cache
  const times = [];
  let value;
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: +times[Math.floor(times.length / 2)].toFixed(2),
    minMs: +times[0].toFixed(2),
    maxMs: +times.at(-1).toFixed(2),
    value,
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'cbench-bench-history-'));
const dbFile = path.join(dir, 'history.sqlite');
try {
  let store = openStore(dbFile);
  const t0 = performance.now();
  const ids = populate(store, RUNS, Date.UTC(2023, 0, 1), 'run');
  const populateMs = performance.now() - t0;
  store.close();

  // Reopen, as the CLI does for every command: this includes the read-only integrity check.
  const o0 = performance.now();
  store = openStore(dbFile);
  const openMs = performance.now() - o0;
  const dbBytes = statSync(dbFile).size;

  const list = timeIt(() => store.listRuns({ limit: 50 }));
  const listAll = timeIt(() => store.listRuns({}));
  // Machine by label, suite, and a start date 30% into the history: about 11% of the runs match.
  const since = new Date(Date.UTC(2023, 0, 1) + Math.floor(RUNS * 0.3) * 3_600_000)
    .toISOString()
    .slice(0, 10);
  const filter = timeIt(() =>
    store.listRuns({ machine: 'bench-machine-3', suite: 'quick', since, limit: 50 }),
  );
  const filterAll = timeIt(() => store.listRuns({ machine: 'bench-machine-3', suite: 'quick', since }));
  const compare = timeIt(() => compareRuns(store.getRuns([ids[Math.floor(RUNS / 10)], ids[RUNS - 1]])));

  // A bundle of runs from another history, imported into this one (every run new, then every run skipped).
  const sourceFile = path.join(dir, 'source.sqlite');
  const source = openStore(sourceFile);
  const importIds = populate(source, IMPORT_RUNS, Date.UTC(2024, 6, 1), 'imp');
  const bundleJson = JSON.stringify(source.exportBundle(importIds, '0.1.0'));
  source.close();
  // CPU time next to wall time: on a shared 2-core machine the wall clock also counts other processes' turns.
  const c0 = process.cpuUsage();
  const i0 = performance.now();
  const report = store.importBundle(bundleJson, 'bench bundle');
  const importMs = performance.now() - i0;
  const importCpu = process.cpuUsage(c0);
  const r0 = performance.now();
  const again = store.importBundle(bundleJson, 'bench bundle');
  const reimportMs = performance.now() - r0;
  store.close();

  const checks = {
    list: list.medianMs < TARGETS_MS.list,
    filter: filter.medianMs < TARGETS_MS.filter,
    compare: compare.medianMs < TARGETS_MS.compare,
    import: importMs < TARGETS_MS.import,
  };
  const out = {
    bench: 'history',
    node: process.versions.node,
    cpus: os.cpus().length,
    loadAverage1m: +os.loadavg()[0].toFixed(2),
    history: {
      runs: RUNS,
      resultsPerRun: CASES.length * MODELS.length,
      samplesPerRun: CASES.length * MODELS.length * REPS_PER_RESULT,
      databaseBytes: dbBytes,
      populateMs: Math.round(populateMs),
      openMs: +openMs.toFixed(1),
    },
    timingsMs: {
      listFirstPage50: list.medianMs,
      listAll: listAll.medianMs,
      filterFirstPage50: filter.medianMs,
      filterAll: filterAll.medianMs,
      filterMatched: filterAll.value.total,
      compareTwoRuns: compare.medianMs,
      importBundle: Math.round(importMs),
      importBundleCpu: Math.round((importCpu.user + importCpu.system) / 1000),
      importBundleRuns: report.imported,
      importBundleBytes: bundleJson.length,
      reimportSameBundle: Math.round(reimportMs),
      reimportSkipped: again.skipped,
    },
    spread: { list, listAll, filter, compare },
    targetsMs: TARGETS_MS,
    pass: checks,
    allPass: Object.values(checks).every(Boolean),
  };
  for (const k of Object.keys(out.spread)) delete out.spread[k].value;
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  process.exitCode = out.allPass ? 0 : 1;
} finally {
  if (KEEP) process.stderr.write(`database kept in ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
