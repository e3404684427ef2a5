#!/usr/bin/env node
// How big and how fast a 50-run HTML report is: records one real quick-suite run through the CLI (as a user
// would), fills a history with 50 runs like it (its bundle re-imported under new ids), then times
// buildReport over all 50 and `cbench report` from the shell. Prints JSON with the targets (under 2 MB,
// written in under 2 s) and whether each passed. Runs against dist/ (npm run build first).
// Flags: --runs N (default 50), --keep FILE (also write the report there, to look at it).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(path.join(root, 'dist', 'engine', p)).href;
if (!existsSync(path.join(root, 'dist', 'engine', 'report', 'index.js'))) {
  process.stderr.write('bench/report.mjs: dist/ is missing; run "npm run build" first\n');
  process.exit(2);
}
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(flag('runs', 50));
const keep = flag('keep', null);
const TARGETS = { bytes: 2 * 1024 * 1024, ms: 2000 };

const { openStore } = await import(dist('store/index.js'));
const { buildReport } = await import(dist('report/index.js'));
const cli = path.join(root, 'bin', 'cbench.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'cbench-bench-report-'));
try {
  const db = path.join(dir, 'history.sqlite');
  execFileSync(
    process.execPath,
    [cli, 'run', '--suite', 'quick', '--reps', '3', '--warmup', '0', '--db', db],
    {
      stdio: 'ignore',
    },
  );
  const store = openStore(db);
  const [first] = store.listRuns({}).runs;
  const bundle = store.exportBundle([first.id], '0.1.0');
  const ids = [first.id];
  for (let i = 1; i < RUNS; i++) {
    const id = randomUUID();
    store.importBundle(JSON.stringify({ ...bundle, runs: [{ ...bundle.runs[0], id }] }), `copy ${i}`);
    ids.push(id);
  }
  const started = performance.now();
  buildReport(store, ids, '0.1.0');
  const buildMs = performance.now() - started;
  store.close();
  const out = path.join(dir, 'report.html');
  const cliStarted = performance.now();
  execFileSync(process.execPath, [cli, 'report', ...ids, '--out', out, '--db', db], { stdio: 'ignore' });
  const cliMs = performance.now() - cliStarted;
  const bytes = statSync(out).size;
  const text = readFileSync(out, 'utf8');
  const bundleBytes = text.length - text.indexOf('<script type="application/json"');
  if (keep) writeFileSync(keep, text);
  const result = {
    runs: RUNS,
    bytes,
    bundleBytes,
    htmlBytes: bytes - bundleBytes,
    buildMs: Math.round(buildMs),
    cliMs: Math.round(cliMs),
    load: os.loadavg().map((l) => Number(l.toFixed(2))),
    targets: { maxBytes: TARGETS.bytes, maxMs: TARGETS.ms },
    pass: { size: bytes < TARGETS.bytes, time: cliMs < TARGETS.ms },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (!result.pass.size || !result.pass.time) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
