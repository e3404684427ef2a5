#!/usr/bin/env node
// Builds better-sqlite3 for Electron into native/electron/better_sqlite3.node, where the store's native
// loader (src/engine/store/native.ts) finds it under Electron. better-sqlite3 is not N-API, so the addon
// npm installed for Node cannot load in Electron and vice versa; the build happens in a temporary copy of
// the module so node_modules keeps the Node build. It needs Electron's headers: where they cannot be
// downloaded, the script says so in one line and exits 0 (the Node build and everything else still work);
// with --strict (packaging: a packaged app must never ship without it) it exits 1 instead.
// $CBENCH_NATIVE_DIR puts the addon elsewhere than native/electron; $ELECTRON_VERSION_OVERRIDE builds for
// another Electron than the installed one (electron-builder passes the version it packages).
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.env.CBENCH_NATIVE_DIR
  ? path.resolve(process.env.CBENCH_NATIVE_DIR)
  : path.join(root, 'native', 'electron');
const strict = process.argv.includes('--strict');
const HEADERS_BASE = process.env.ELECTRON_REBUILD_DIST_URL || 'https://www.electronjs.org/headers';
const PROBE_TIMEOUT_MS = 8000;

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function skip(reason) {
  if (strict) {
    process.stderr.write(`rebuild:electron: cannot build better-sqlite3 for Electron: ${reason}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `rebuild:electron: skipped the Electron build of better-sqlite3: ${reason}; the Node build is untouched ` +
      `(run "npm run rebuild:electron" where Electron's headers can be downloaded)\n`,
  );
  process.exit(0);
}

const electronPkg = path.join(root, 'node_modules', 'electron', 'package.json');
if (!existsSync(electronPkg)) skip('the electron package is not installed');
const electronVersion = process.env.ELECTRON_VERSION_OVERRIDE || readJson(electronPkg).version;
const headersUrl = `${HEADERS_BASE}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;

// Probe first: node-gyp would otherwise retry the download for minutes before failing.
try {
  const response = await fetch(headersUrl, {
    method: 'HEAD',
    redirect: 'follow',
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
  });
  if (!response.ok)
    skip(`Electron ${electronVersion}'s headers are not available (${headersUrl}: HTTP ${response.status})`);
} catch (error) {
  const cause = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(error);
  skip(`Electron ${electronVersion}'s headers cannot be downloaded here (${headersUrl}: ${cause})`);
}

const { rebuild } = await import('@electron/rebuild');
const work = mkdtempSync(path.join(os.tmpdir(), 'cbench-electron-rebuild-'));
try {
  // A throwaway app holding copies of better-sqlite3 and its runtime dependencies.
  const modules = path.join(work, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const sqlitePkg = readJson(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'));
  for (const name of ['better-sqlite3', ...Object.keys(sqlitePkg.dependencies ?? {})]) {
    const from = path.join(root, 'node_modules', name);
    if (existsSync(from)) cpSync(from, path.join(modules, name), { recursive: true, dereference: true });
  }
  rmSync(path.join(modules, 'better-sqlite3', 'build'), { recursive: true, force: true });
  writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({
      name: 'cbench-electron-rebuild',
      version: '0.0.0',
      dependencies: { 'better-sqlite3': sqlitePkg.version },
    }),
  );
  process.stdout.write(
    `rebuild:electron: building better-sqlite3 ${sqlitePkg.version} for Electron ${electronVersion}...\n`,
  );
  await rebuild({
    buildPath: work,
    electronVersion,
    onlyModules: ['better-sqlite3'],
    force: true,
    mode: 'sequential',
  });
  const built = path.join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) throw new Error(`the build finished but ${built} is missing`);
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, path.join(outDir, 'better_sqlite3.node'));
  writeFileSync(
    path.join(outDir, 'build-info.json'),
    `${JSON.stringify({ electronVersion, betterSqlite3: sqlitePkg.version, platform: process.platform, arch: process.arch, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
  process.stdout.write(`rebuild:electron: wrote ${path.join(outDir, 'better_sqlite3.node')}\n`);
} catch (error) {
  process.stderr.write(
    `rebuild:electron: the Electron build of better-sqlite3 failed: ${error?.message ?? error}\n`,
  );
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
