// Shared by the end-to-end tests: a real `cbench serve` child on a temp database, a real Chromium page on it,
// every console error and page error collected (a test fails on any), and screenshots.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Screenshots land here; CBENCH_SCREENSHOT_DIR=docs/screenshots refreshes the README's images. */
export const SHOT_DIR = path.resolve(ROOT, process.env.CBENCH_SCREENSHOT_DIR ?? 'tests/e2e/artifacts');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Serve {
  url: string;
  origin: string;
  dbPath: string;
  /** Lines the server wrote to stderr, for failure messages. */
  stderr: string[];
  close(): Promise<void>;
}

/** Starts `node bin/cbench.js serve --port 0 --db <dbPath>` and waits for the URL it prints. */
export async function startServe(dbPath: string): Promise<Serve> {
  const renderer = path.join(ROOT, 'out', 'renderer', 'index.html');
  if (!existsSync(renderer))
    throw new Error(`${renderer} is missing: run "npm run build" before the e2e tests`);
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/cbench.js', 'serve', '--port', '0', '--db', dbPath],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`cbench serve printed no URL in 20 s; stderr: ${stderr.join('')}`)),
      20_000,
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cbench serve exited with code ${code}; stderr: ${stderr.join('')}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dbPath,
    stderr,
    close: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function tempDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `cbench-e2e-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface ServedGui {
  browser: Browser;
  serve: Serve;
  temp: Awaited<ReturnType<typeof tempDir>>;
}

/**
 * For one describe block: a temp folder, `cbench serve` over a fresh history in it, and a browser, all torn
 * down after the block. The fields are filled in by beforeAll, so read them inside tests only.
 */
export function useServedGui(prefix: string): ServedGui {
  const gui = {} as ServedGui;
  beforeAll(async () => {
    gui.temp = await tempDir(prefix);
    gui.serve = await startServe(path.join(gui.temp.dir, 'history.sqlite'));
    gui.browser = await launchBrowser();
  });
  afterAll(async () => {
    await gui.browser?.close();
    await gui.serve?.close();
    await gui.temp?.remove();
  });
  return gui;
}

/** For one describe block that starts its own servers: a temp folder and a browser, torn down after it. */
export function useBrowser(prefix: string): { browser: Browser; temp: Awaited<ReturnType<typeof tempDir>> } {
  const shared = {} as { browser: Browser; temp: Awaited<ReturnType<typeof tempDir>> };
  beforeAll(async () => {
    shared.temp = await tempDir(prefix);
    shared.browser = await launchBrowser();
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.temp?.remove();
  });
  return shared;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

/** A 1280x800 page (device scale 1, for small screenshots) on `url`, recording console and page errors. */
export async function openPage(
  browser: Browser,
  url: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<OpenPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  await page.goto(url);
  await page.getByRole('tab', { name: 'Run' }).waitFor();
  return { context, page, errors };
}

/** Waits until every chart on the page has been drawn (chart.js loads on demand). */
export async function waitForCharts(page: Page): Promise<void> {
  // A locator, not a string predicate: the page's CSP forbids the eval a string predicate needs.
  const pending = page.locator('[data-chart="pending"]');
  const deadline = Date.now() + 15_000;
  while ((await pending.count()) > 0) {
    if (Date.now() > deadline) throw new Error('charts still pending after 15 s');
    await page.waitForTimeout(100);
  }
}

/** Saves a viewport screenshot as <name>.png and returns its size in bytes. */
export async function screenshot(page: Page, name: string): Promise<number> {
  await mkdir(SHOT_DIR, { recursive: true });
  const file = path.join(SHOT_DIR, `${name}.png`);
  // Let chart.js and layout settle so the picture is what a person would see.
  await waitForCharts(page);
  await page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
  );
  await page.screenshot({ path: file });
  return (await stat(file)).size;
}

export async function showView(
  page: Page,
  name: 'Run' | 'Results' | 'History' | 'Compare' | 'Images' | 'Machine',
): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.locator(`[role="tab"][aria-selected="true"]`, { hasText: name }).waitFor();
}

/** Starts a small custom run from the Run view: primes only, the given models, few repetitions. */
export async function startTinyRun(
  page: Page,
  options: { models: string[]; limit?: number; reps?: number },
): Promise<void> {
  await showView(page, 'Run');
  await page.getByLabel('Custom').check();
  const workloads = page.getByRole('group', { name: 'Workloads' });
  for (const w of ['images', 'matrix']) await workloads.getByLabel(w, { exact: true }).uncheck();
  await page.getByLabel('Primes up to').fill(String(options.limit ?? 20_000));
  const models = page.getByRole('group', { name: 'Models' });
  for (const box of await models.getByRole('checkbox').all()) {
    const name = ((await box.evaluate((el) => el.parentElement?.textContent ?? '')) as string).trim();
    if (options.models.includes(name)) await box.check();
    else await box.uncheck();
  }
  await page.getByLabel('Repetitions', { exact: true }).fill(String(options.reps ?? 3));
  await page.getByLabel('Warm-up', { exact: true }).fill('0');
  await page.getByRole('button', { name: /^Start custom run/ }).click();
}

/** Waits until the Run view shows the run finished with `status`. */
export async function waitForRunEnd(page: Page, status: string, timeoutMs = 120_000): Promise<void> {
  await page.getByRole('button', { name: 'See results' }).waitFor({ timeout: timeoutMs });
  await page.locator('.progress-head').getByText(status, { exact: true }).waitFor({ timeout: 5_000 });
}

export interface DroppedFile {
  name: string;
  type: string;
  bytes: Buffer;
}

// Page-side scripts are kept as source text: the tests are type-checked without the DOM library.
const DROP_SCRIPT = `(({ testId, files }) => {
  const transfer = new DataTransfer();
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], f.name, { type: f.type }));
  }
  const zone = document.querySelector('[data-testid="' + testId + '"]');
  if (!zone) throw new Error('no element with data-testid ' + testId);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }
})`;

/** Dispatches a drag-and-drop of `files` onto the element with data-testid `testId`, as a file manager would. */
export async function dropFiles(page: Page, testId: string, files: DroppedFile[]): Promise<void> {
  const arg = {
    testId,
    files: files.map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString('base64') })),
  };
  await page.evaluate(`${DROP_SCRIPT}(${JSON.stringify(arg)})`);
}

/** Size of the first canvas under `selector` and how many of its pixels are painted. */
export async function canvasPaint(
  page: Page,
  selector: string,
): Promise<{ width: number; height: number; painted: number }> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    if (!canvas) return { width: 0, height: 0, painted: 0 };
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return { width: canvas.width, height: canvas.height, painted };
  })()`);
}
