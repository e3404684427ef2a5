// lib/api.ts in real Chromium against a real server: the token moves from the address bar to sessionStorage,
// calls round-trip over the WebSocket, refusals arrive as errors with their code, a reload keeps working, and
// dropped files are uploaded and come back as server paths.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { BenchApi } from '../../src/shared/ipc.js';
import { startServer } from '../../src/server/index.js';
import { startTestServer, type TestServer } from './helpers.js';

/** What the page's globalThis holds (this project's test tsconfig has no DOM types). */
type TestWindow = { testApi: BenchApi; sessionStorage: { getItem(key: string): string | null } };

const root = fileURLToPath(new URL('../..', import.meta.url));
let t: TestServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  t = await startTestServer();
  // The page is lib/api.ts bundled as the renderer build would, plus a script exposing it to the test.
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: path.join(t.rendererDir, 'assets', 'lib'),
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: path.join(root, 'src/renderer/src/lib/api.ts'),
        formats: ['es'],
        fileName: () => 'api.js',
      },
    },
  });
  await writeFile(
    path.join(t.rendererDir, 'assets', 'app.js'),
    "import { api } from './lib/api.js';\nwindow.testApi = api;\n",
  );
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(t.server.url);
  await page.waitForFunction(() => 'testApi' in globalThis);
});
afterAll(async () => {
  await browser?.close();
  await t.dispose();
});

test('the token leaves the address bar for sessionStorage', async () => {
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  expect(
    await page.evaluate(() => (globalThis as unknown as TestWindow).sessionStorage.getItem('cbench.token')),
  ).toBe(t.server.token);
  expect(await page.evaluate(() => (globalThis as unknown as TestWindow).testApi.mode)).toBe('web');
});

test('calls round-trip over the socket', async () => {
  const result = await page.evaluate(async () => {
    const api = (globalThis as unknown as TestWindow).testApi;
    const [info, page] = await Promise.all([api.machineInfo(), api.listRuns({})]);
    return { threads: info.cpu.threads, total: page.total };
  });
  expect(result.threads).toBeGreaterThan(0);
  expect(result.total).toBe(0);
});

test('a refusal rejects with the message and code of the IpcError', async () => {
  const error = await page.evaluate(async () => {
    const api = (globalThis as unknown as TestWindow).testApi;
    try {
      await api.getRun('no-such-run');
      return null;
    } catch (e) {
      return { message: (e as Error).message, code: (e as { code?: string }).code };
    }
  });
  expect(error).not.toBeNull();
  expect(error!.code).toBe('not-found');
  expect(error!.message).toMatch(/no-such-run/);
});

test('dropped files are uploaded and their server paths returned', async () => {
  const paths = await page.evaluate(async () => {
    const api = (globalThis as unknown as TestWindow).testApi;
    const files = [
      new File([new Uint8Array([1, 2, 3])], 'one.png'),
      new File([new TextEncoder().encode('second file')], '../two.jpg'),
    ];
    return api.pathsForFiles(files);
  });
  expect(paths.map((p) => path.basename(p))).toEqual(['one.png', 'two.jpg']);
  expect([...(await readFile(paths[0]))]).toEqual([1, 2, 3]);
  expect(await readFile(paths[1], 'utf8')).toBe('second file');
  expect(paths[0].startsWith(t.server.uploadRoot!)).toBe(true);
});

test('after a reload (token no longer in the URL) the page and its calls still work', async () => {
  await page.reload();
  await page.waitForFunction(() => 'testApi' in globalThis);
  const total = await page.evaluate(async () => {
    const api = (globalThis as unknown as TestWindow).testApi;
    return (await api.listRuns({})).total;
  });
  expect(total).toBe(0);
});

test('run events reach onRunEvent listeners until they unsubscribe', async () => {
  const outcome = await page.evaluate(async () => {
    const api = (globalThis as unknown as TestWindow).testApi;
    const all: string[] = [];
    const untilPlan: string[] = [];
    const offFirst = api.onRunEvent((event) => {
      untilPlan.push(event.type);
      if (event.type === 'plan') offFirst();
    });
    await new Promise<void>((resolve, reject) => {
      const off = api.onRunEvent((event) => {
        all.push(event.type);
        if (event.type === 'done') {
          off();
          resolve();
        }
      });
      api
        .startRun({
          suite: 'custom',
          workloads: ['primes'],
          models: ['sequential'],
          limit: 20_000,
          reps: 1,
          warmup: 0,
        })
        .catch(reject);
    });
    return { all, untilPlan };
  });
  expect(outcome.all[0]).toBe('plan');
  expect(outcome.all).toContain('result');
  expect(outcome.all.at(-1)).toBe('done');
  expect(outcome.untilPlan).toEqual(['plan']);
});

test('the page logged no errors', () => {
  expect(consoleErrors).toEqual([]);
});

test('a stale token in sessionStorage ends in a clear error, not endless reconnecting', async () => {
  const other = await browser.newPage();
  await other.goto(t.server.url);
  await other.evaluate(() => {
    (
      globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
    ).sessionStorage.setItem('cbench.token', 'stale-token-stale-token-stale-tok');
  });
  // The page itself still loads (its cookie is valid); the API must not.
  await other.reload();
  await other.waitForFunction(() => 'testApi' in globalThis);
  const message = await other.evaluate(async () => {
    const api = (globalThis as unknown as TestWindow).testApi;
    try {
      await api.listRuns({});
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  });
  expect(message).toMatch(/refused the access token/);
  await other.close();
});

test('after the server restarts on the same port, calls succeed again (reconnect with backoff)', async () => {
  const { port, token } = t.server;
  await t.server.close();
  const pending = page.evaluate(async () => {
    const api = (globalThis as unknown as TestWindow).testApi;
    return (await api.listRuns({})).total;
  });
  // The server is restarted once the client has tried and been refused (the event, not a fixed time).
  const refusedBefore = consoleErrors.length;
  const deadline = Date.now() + 30_000;
  while (consoleErrors.length === refusedBefore && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  t.server = await startServer({
    port,
    token,
    dbPath: path.join(t.dir, 'history.db'),
    rendererDir: t.rendererDir,
  });
  // The run recorded by an earlier test is in the same database file.
  expect(await pending).toBe(1);
  // While the server was down, Chromium logged the refused attempts, and nothing else.
  for (const message of consoleErrors) expect(message).toMatch(/ERR_CONNECTION_REFUSED/);
});
