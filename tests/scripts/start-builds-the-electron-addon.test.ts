// `npm start` where Electron's binary is present (a fake Electron dist here, through Electron's own
// ELECTRON_OVERRIDE_DIST_PATH): it builds the Electron addon when it is missing or built for another
// Electron, skips the build when it matches, and launches Electron with the app folder, the arguments given
// and the addon's path; where the build fails it still launches (the window then says history is off).
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START = path.join(ROOT, 'scripts', 'start.mjs');
const FAKE_REBUILD = fileURLToPath(new URL('./fixtures/fake-rebuild.mjs', import.meta.url));
const ELECTRON_VERSION = (createRequire(import.meta.url)('electron/package.json') as { version: string })
  .version;

const temp = mkdtempSync(path.join(os.tmpdir(), 'cbench-start-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let dist: string;
let nativeDir: string;
let log: string;
beforeEach(() => {
  const dir = mkdtempSync(path.join(temp, 'case-'));
  dist = path.join(dir, 'dist');
  nativeDir = path.join(dir, 'native');
  log = path.join(dir, 'log.txt');
  mkdirSync(dist);
  writeFileSync(log, '');
  // The fake Electron records how it was started, then exits with a code of its own.
  const electron = path.join(dist, 'electron');
  writeFileSync(
    electron,
    `#!/bin/sh\necho "electron $*" >> "${log}"\necho "binding=$CBENCH_SQLITE_BINDING run_as_node=$ELECTRON_RUN_AS_NODE" >> "${log}"\nexit 7\n`,
  );
  chmodSync(electron, 0o755);
});

function start(env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [START, '--some-flag'],
      {
        cwd: ROOT,
        timeout: 120_000,
        env: {
          ...process.env,
          DISPLAY: ':99',
          CBENCH_START_NO_BUILD: '1',
          ELECTRON_RUN_AS_NODE: '1',
          ELECTRON_OVERRIDE_DIST_PATH: dist,
          CBENCH_NATIVE_DIR: nativeDir,
          CBENCH_REBUILD_SCRIPT: FAKE_REBUILD,
          FAKE_LOG: log,
          FAKE_BUILD_VERSION: ELECTRON_VERSION,
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr }),
    );
  });
}

const addon = () => path.join(nativeDir, 'better_sqlite3.node');
const logLines = () => readFileSync(log, 'utf8').trim().split('\n');

function writeBuild(version: string): void {
  mkdirSync(nativeDir, { recursive: true });
  writeFileSync(addon(), 'an earlier build');
  writeFileSync(
    path.join(nativeDir, 'build-info.json'),
    JSON.stringify({ electronVersion: version, platform: process.platform, arch: process.arch }),
  );
}

describe('npm start with an Electron binary', () => {
  it('builds the missing addon once, with a progress line, then launches Electron with it', async () => {
    const { code, output } = await start();
    expect(output).toContain(`Building better-sqlite3 for Electron ${ELECTRON_VERSION}`);
    expect(output).toContain('is missing');
    expect(existsSync(addon())).toBe(true);
    expect(logLines()).toEqual([
      `rebuild ${nativeDir}`,
      'electron . --some-flag',
      `binding=${addon()} run_as_node=`,
    ]);
    expect(code).toBe(7); // Electron's exit code is npm start's

    // The second start finds the build and goes straight to Electron.
    writeFileSync(log, '');
    const again = await start();
    expect(again.output).not.toContain('Building better-sqlite3');
    expect(logLines()).toEqual(['electron . --some-flag', `binding=${addon()} run_as_node=`]);
  }, 180_000);

  it('skips the build when build-info.json matches the installed Electron', async () => {
    writeBuild(ELECTRON_VERSION);
    const { output } = await start();
    expect(output).not.toContain('Building');
    expect(logLines()[0]).toBe('electron . --some-flag');
    expect(readFileSync(addon(), 'utf8')).toBe('an earlier build');
  }, 120_000);

  it('rebuilds an addon made for another Electron', async () => {
    writeBuild('30.0.0');
    const { output } = await start();
    expect(output).toContain(`it was built for Electron 30.0.0, not ${ELECTRON_VERSION}`);
    expect(logLines()[0]).toBe(`rebuild ${nativeDir}`);
    expect(readFileSync(addon(), 'utf8')).toBe('not really an addon');
    expect(logLines()[1]).toBe('electron . --some-flag');
  }, 120_000);

  it('where the build fails, says so with the command to fix it and still launches the app', async () => {
    const { output } = await start({ FAKE_REBUILD_FAIL: '1' });
    expect(output).toContain('could not be built');
    expect(output).toContain('headers unavailable');
    expect(output).toContain('npm run rebuild:electron');
    expect(logLines()).toEqual([`rebuild ${nativeDir}`, 'electron . --some-flag', 'binding= run_as_node=']);
  }, 120_000);
});
