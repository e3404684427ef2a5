#!/usr/bin/env node
// GUI speed targets, measured in real Chromium against a real `cbench serve`, printed as JSON:
//  - first paint: from spawning `cbench serve` to the page's first contentful paint (target < 1500 ms);
//  - long tasks: main-thread tasks over 50 ms in the page while the quick suite streams (target: none);
//  - history: scrolling the History view over 10,000 stored runs (virtualised list; frame times, long tasks).
// Needs `npm run build` (out/renderer and dist/). Usage: node bench/gui.mjs [--runs 10000] [--screenshot FILE]
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10_000;
/** --screenshot FILE: also save the History view over the seeded runs (for the README). */
const SHOT = process.argv.includes('--screenshot')
  ? path.resolve(process.argv[process.argv.indexOf('--screenshot') + 1])
  : null;
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (n) => Math.round(n * 10) / 10;

/** Spawns `cbench serve` on dbPath; resolves with the URL and the spawn time (epoch ms). */
async function serve(dbPath) {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ['bin/cbench.js', 'serve', '--port', '0', '--db', dbPath], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`cbench serve exited (${code}): ${err}`)));
  });
  return {
    url,
    spawnedAt,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { context, page, errors };
}

async function firstPaint(browser, dir, i) {
  // The browser is ready before the server starts: the figure is the server's start plus the page's load.
  const { context, page } = await newPage(browser);
  const server = await serve(path.join(dir, `paint-${i}.sqlite`));
  const urlAt = Date.now();
  await page.goto(server.url);
  await page.getByRole('tab', { name: 'Run' }).waitFor();
  const tabsAt = Date.now();
  const fcp = await page.evaluate(`(() => {
    const e = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
    return e ? performance.timeOrigin + e.startTime : null;
  })()`);
  await context.close();
  await server.close();
  return {
    serverReadyMs: urlAt - server.spawnedAt,
    firstContentfulPaintMs: fcp === null ? null : Math.round(fcp - server.spawnedAt),
    tabsVisibleMs: tabsAt - server.spawnedAt,
  };
}

async function longTasksWhileStreaming(browser, dir) {
  const server = await serve(path.join(dir, 'stream.sqlite'));
  const { context, page, errors } = await newPage(browser);
  await page.goto(server.url);
  await page.getByRole('tab', { name: 'Run' }).waitFor();
  await page.evaluate(`(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ startMs: e.startTime, durationMs: e.duration });
    }).observe({ type: 'longtask' });
    window.__stepsSeen = 0;
    const steps = () => document.querySelector('[data-testid="steps"]');
    new MutationObserver(() => window.__stepsSeen++).observe(document.body, { subtree: true, characterData: true, childList: true });
  })()`);
  const startedAt = await page.evaluate('performance.now()');
  await page.getByRole('button', { name: 'Start quick run' }).click();
  await page.getByRole('button', { name: 'See results' }).waitFor({ timeout: 600_000 });
  const endedAt = await page.evaluate('performance.now()');
  const tasks = await page.evaluate('window.__longTasks');
  const mutations = await page.evaluate('window.__stepsSeen');
  const during = tasks.filter((t) => t.startMs >= startedAt && t.startMs <= endedAt);
  // The Results view draws 6 charts on open: measured apart, it is not streaming.
  const openAt = await page.evaluate('performance.now()');
  await page.getByRole('button', { name: 'See results' }).click();
  await page.getByTestId('case-results').nth(2).waitFor();
  await page.waitForTimeout(500);
  const afterOpen = (await page.evaluate('window.__longTasks')).filter((t) => t.startMs >= openAt);
  await context.close();
  await server.close();
  return {
    streamMs: Math.round(endedAt - startedAt),
    domMutationBatches: mutations,
    longTasksOver50Ms: during.length,
    maxLongTaskMs: during.length ? round(Math.max(...during.map((t) => t.durationMs))) : 0,
    openResultsLongTasks: afterOpen.map((t) => round(t.durationMs)),
    pageErrors: errors,
  };
}

/** A history of RUNS runs: one real run made by the CLI, cloned with new ids, dates and suites. */
async function seedHistory(dir) {
  const template = path.join(dir, 'template.sqlite');
  execFileSync(
    process.execPath,
    [
      'bin/cbench.js',
      'run',
      '--suite',
      'custom',
      '--workloads',
      'primes',
      '--models',
      'sequential,worker-threads',
      '--reps',
      '3',
      '--warmup',
      '0',
      '--db',
      template,
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  const { openStore } = await import(path.join(ROOT, 'dist/engine/store/index.js'));
  const source = openStore(template);
  const [first] = source.listRuns({ limit: 1 }).runs;
  const bundle = source.exportBundle([first.id], 'bench');
  source.close();
  const run = bundle.runs[0];
  const suites = ['quick', 'article', 'scaled', 'custom'];
  const day = 86_400_000;
  const now = Date.now();
  bundle.runs = Array.from({ length: RUNS }, (_, i) => {
    const startedAt = new Date(now - i * (day / 20)).toISOString();
    return {
      ...run,
      id: randomUUID(),
      suite: suites[i % 4],
      spec: { ...run.spec, suite: suites[i % 4] },
      startedAt,
      endedAt: startedAt,
    };
  });
  const big = path.join(dir, 'history-10k.sqlite');
  const store = openStore(big);
  const t0 = performance.now();
  const report = store.importBundle(JSON.stringify(bundle), 'bench');
  const importMs = performance.now() - t0;
  store.close();
  return { dbPath: big, imported: report.imported, importMs: Math.round(importMs) };
}

async function historyScroll(browser, dbPath) {
  const server = await serve(dbPath);
  const { context, page, errors } = await newPage(browser);
  const t0 = Date.now();
  await page.goto(server.url);
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByTestId('history-row').first().waitFor();
  const firstRowsMs = Date.now() - t0;
  const count = await page.getByTestId('history-count').textContent();
  const result = await page.evaluate(`new Promise((resolve) => {
    const viewport = document.querySelector('[aria-label="Runs"]');
    const tasks = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
    observer.observe({ type: 'longtask' });
    const frames = [];
    let last = performance.now();
    const endAt = last + 4000;
    let maxRowsInDom = 0;
    let blankFrames = 0;
    function frame(now) {
      frames.push(now - last);
      last = now;
      viewport.scrollTop += 600;
      maxRowsInDom = Math.max(maxRowsInDom, viewport.querySelectorAll('[role="listitem"]').length);
      if (viewport.querySelector('.placeholder')) blankFrames++;
      if (now < endAt) requestAnimationFrame(frame);
      else {
        observer.disconnect();
        resolve({ frames, tasks, maxRowsInDom, blankFrames, scrolledPx: viewport.scrollTop, scrollHeight: viewport.scrollHeight });
      }
    }
    requestAnimationFrame(frame);
  })`);
  // After the scroll stops, how long until the rows in view are all loaded.
  const settleStart = Date.now();
  await page.waitForFunction(`!document.querySelector('[aria-label="Runs"] .placeholder')`, null, {
    timeout: 10_000,
  });
  const settleMs = Date.now() - settleStart;
  if (SHOT) {
    await page.evaluate(`document.querySelector('[aria-label="Runs"]').scrollTop = 0`);
    for (const box of (await page.getByTestId('history-row').all()).slice(0, 2))
      await box.getByRole('checkbox').check();
    await page.waitForFunction(`!document.querySelector('[aria-label="Runs"] .placeholder')`);
    await page.screenshot({ path: SHOT });
  }
  await context.close();
  await server.close();
  const frames = result.frames.slice(1);
  return {
    listed: count,
    firstRowsMs,
    frames: frames.length,
    meanFps: round(1000 / (frames.reduce((a, b) => a + b, 0) / frames.length)),
    p95FrameMs: round(percentile(frames, 95)),
    maxFrameMs: round(Math.max(...frames)),
    longTasksOver50Ms: result.tasks.length,
    maxRowsInDom: result.maxRowsInDom,
    framesWithLoadingRows: result.blankFrames,
    scrolledPx: result.scrolledPx,
    rowsLoadedAfterStopMs: settleMs,
    pageErrors: errors,
  };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'cbench-bench-gui-'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  const paints = [];
  for (let i = 0; i < 3; i++) paints.push(await firstPaint(browser, dir, i));
  const streaming = await longTasksWhileStreaming(browser, dir);
  const seeded = await seedHistory(dir);
  const history = await historyScroll(browser, seeded.dbPath);
  const fcp = median(paints.map((p) => p.firstContentfulPaintMs));
  const report = {
    cpus: os.availableParallelism(),
    firstPaint: { medianMs: fcp, targetMs: 1500, pass: fcp < 1500, samples: paints },
    streaming: { ...streaming, pass: streaming.longTasksOver50Ms === 0 },
    history: {
      runs: RUNS,
      seedImportMs: seeded.importMs,
      ...history,
      pass: history.longTasksOver50Ms === 0 && history.p95FrameMs < 50,
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}
