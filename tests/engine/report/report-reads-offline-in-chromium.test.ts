// A report of real runs (two machines, one run with a failed result) opened in Debian's Chromium with
// JavaScript disabled and every request refused: nothing is requested, every chart is drawn, nothing is
// logged as an error, the hostile machine label shows as text, it fits a phone and an A4 page.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/engine/report/index.js';
import { openStore, type Store } from '../../../src/engine/store/index.js';
import { launchBrowser, SHOT_DIR } from '../../e2e/harness.js';
import { tempDir } from '../../store/fixtures.js';
import { fromAnotherMachine, HOSTILE_LABEL, recordRun, recordScaling } from './fixtures.js';

const temp = tempDir('cbench-report-');
let store: Store;
let browser: Browser;
let file: string;
let runIds: string[];

beforeAll(async () => {
  store = openStore(path.join(temp.dir, 'history.sqlite'));
  const ok = await recordRun(store);
  const failing = await recordRun(store, 'worker-threads');
  const other = fromAnotherMachine(store, ok);
  store.importBundle(other.json, 'other machine');
  const sweep = await recordScaling(store, 'sweep');
  const search = await recordScaling(store, 'break-even');
  runIds = [ok, other.runId, failing, sweep, search];
  const report = buildReport(store, runIds, '0.1.0');
  file = path.join(temp.dir, report.fileName);
  writeFileSync(file, report.html);
  if (process.env.CBENCH_KEEP_REPORT) writeFileSync(process.env.CBENCH_KEEP_REPORT, report.html);
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  store?.close();
  temp.cleanup();
});

async function open(options: { width: number; height: number; colorScheme?: 'light' | 'dark' }) {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: options.width, height: options.height },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  // Anything but the file itself is refused, so an attempted fetch would also fail loudly.
  await context.route('**/*', (route) =>
    route.request().url() === pathToFileURL(file).href ? route.continue() : route.abort(),
  );
  await page.goto(pathToFileURL(file).href);
  return { context, page, requests, errors };
}

describe('an HTML report', () => {
  it('requests nothing, draws every chart, logs no error, and shows history strings as text', async () => {
    const { context, page, requests, errors } = await open({ width: 1100, height: 900 });
    expect(requests).toEqual([pathToFileURL(file).href]);
    // 3 suite runs x 2 cases: a bar chart and a breakdown chart each; the sweep's speed-up and efficiency
    // charts; the search's time-vs-size chart.
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(15);
    expect(await page.locator('svg.chart polyline').count()).toBeGreaterThanOrEqual(3 + 3 + 1);
    for (const chart of await charts.all()) {
      expect(await chart.locator('path[fill], polyline').count()).toBeGreaterThan(0);
      const box = await chart.boundingBox();
      expect(box!.height).toBeGreaterThan(40);
    }
    // The hostile label is text, not markup: no <img> and no <b> were made from it.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('b').count()).toBe(0);
    expect(await page.getByText(HOSTILE_LABEL).first().isVisible()).toBe(true);
    // Machines, the failed result with its reason, verification marks, the comparison.
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('Machines');
    expect(text).toContain('Other CPU <i>8-core</i>');
    expect(text).toMatch(/✗ failed[\s\S]*threw/);
    expect(text).toContain('✓ verified');
    expect(text).toContain('Comparison');
    expect(text).toMatch(/different machines/i);
    expect(text).toContain('Scaling sweep · primes');
    expect(text).toMatch(/Break-even · primes · 2 workers/);
    expect(text).toMatch(/Best workers/);
    mkdirSync(SHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOT_DIR, 'report.png') });
    await page.screenshot({ path: path.join(SHOT_DIR, 'report-full.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('reads in dark mode and on a phone without sideways scrolling', async () => {
    const { context, page, errors } = await open({ width: 390, height: 844, colorScheme: 'dark' });
    const overflow = await page.locator('body').evaluate((body) => body.scrollWidth - body.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const chart of await page.locator('svg.chart').all()) {
      expect((await chart.boundingBox())!.width).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: path.join(SHOT_DIR, 'report-phone-dark.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('prints on A4 with every chart inside the page width', async () => {
    const { context, page } = await open({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    const pageWidth = await page.locator('body').evaluate((body) => body.clientWidth);
    for (const chart of await page.locator('svg.chart').all()) {
      const box = (await chart.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(pageWidth + 1);
    }
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  }, 60_000);
});
