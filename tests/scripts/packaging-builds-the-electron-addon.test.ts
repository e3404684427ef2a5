// Packaging runs the same addon build as `npm start` (electron-builder's beforePack hook), strictly: where
// the build cannot be made, packaging fails instead of shipping an app whose history cannot open. The real
// rebuild script, pointed at a headers server that refuses, says so: exit 0 and "skipped" for npm's
// `rebuild:electron`, exit 1 with --strict.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const requireCjs = createRequire(import.meta.url);
const beforePack = requireCjs(path.join(ROOT, 'scripts', 'electron-builder-before-pack.cjs')) as (
  context: unknown,
) => Promise<void>;
const FAKE_REBUILD = fileURLToPath(new URL('./fixtures/fake-rebuild.mjs', import.meta.url));
const X64 = 1;
const hostArch = ({ x64: 1, ia32: 0, arm64: 3, arm: 2 } as Record<string, number>)[process.arch] ?? X64;

const temp = mkdtempSync(path.join(os.tmpdir(), 'cbench-pack-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const saved = { ...process.env };
afterEach(() => {
  for (const key of [
    'CBENCH_REBUILD_SCRIPT',
    'CBENCH_NATIVE_DIR',
    'FAKE_LOG',
    'FAKE_REBUILD_FAIL',
    'FAKE_BUILD_VERSION',
  ])
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
});

function context(electronVersion: string, arch = hostArch) {
  return { arch, electronPlatformName: process.platform, packager: { config: { electronVersion } } };
}

describe('packaging', () => {
  it('electron-builder.yml runs the hook and leaves npm’s Node build of the addon out', () => {
    const yml = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^beforePack: scripts\/electron-builder-before-pack\.cjs$/m);
    expect(yml).toMatch(/^npmRebuild: false$/m);
    expect(yml).toContain("'!node_modules/better-sqlite3/build/**'");
  });

  it('builds the addon strictly, for the Electron version being packaged', async () => {
    const log = path.join(temp, 'ok.log');
    writeFileSync(log, '');
    Object.assign(process.env, {
      CBENCH_REBUILD_SCRIPT: FAKE_REBUILD,
      CBENCH_NATIVE_DIR: path.join(temp, 'native-ok'),
      FAKE_LOG: log,
      FAKE_BUILD_VERSION: '45.1.0',
    });
    await beforePack(context('45.1.0'));
    expect(readFileSync(log, 'utf8').trim()).toBe(
      `rebuild ${path.join(temp, 'native-ok')} --strict for 45.1.0`,
    );
  });

  it('fails the packaging when the build fails, or when asked for another architecture', async () => {
    const log = path.join(temp, 'fail.log');
    writeFileSync(log, '');
    Object.assign(process.env, {
      CBENCH_REBUILD_SCRIPT: FAKE_REBUILD,
      CBENCH_NATIVE_DIR: path.join(temp, 'native-fail'),
      FAKE_LOG: log,
      FAKE_REBUILD_FAIL: '1',
    });
    await expect(beforePack(context('45.1.0'))).rejects.toThrow(
      /Electron 45\.1\.0 build of better-sqlite3 failed/,
    );
    const other = hostArch === X64 ? 3 : X64;
    await expect(beforePack(context('45.1.0', other))).rejects.toThrow(
      /is built for the machine that packages/,
    );
  });

  it('the real rebuild script skips politely for npm, and fails with --strict, where headers cannot be fetched', async () => {
    // A port that refuses connections: listen, note the port, close.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const run = (args: string[]) =>
      new Promise<{ code: number; output: string }>((resolve) =>
        execFile(
          process.execPath,
          [path.join(ROOT, 'scripts', 'rebuild-electron.mjs'), ...args],
          {
            env: {
              ...process.env,
              ELECTRON_REBUILD_DIST_URL: `http://127.0.0.1:${port}`,
              CBENCH_NATIVE_DIR: path.join(temp, 'native-real'),
            },
            timeout: 60_000,
          },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number((error as { code?: number }).code) : 0, output: stdout + stderr }),
        ),
      );
    const polite = await run([]);
    expect(polite.code).toBe(0);
    expect(polite.output).toMatch(/skipped the Electron build of better-sqlite3: .*cannot be downloaded/);
    const strict = await run(['--strict']);
    expect(strict.code).toBe(1);
    expect(strict.output).toMatch(/cannot build better-sqlite3 for Electron: .*cannot be downloaded/);
  });
});
