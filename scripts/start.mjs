#!/usr/bin/env node
// `npm start` (and `npm run dev`, with --dev): the desktop app when Electron can run here, otherwise the
// same GUI served to a browser. Builds first when out/ is older than the sources. Electron's binary is
// downloaded on first use; where that cannot happen (no internet) it says so in one line and falls back to
// `cbench serve`, which prints the URL to open. Before Electron starts, the Electron build of better-sqlite3
// is made when it is missing or was built for another Electron (scripts/electron-addon.mjs); where it cannot
// be made, the app opens all the same and its window says that history is unavailable, and why.
//
// Environment, for tests and unusual setups: ELECTRON_OVERRIDE_DIST_PATH (Electron's own: a folder holding
// the Electron executable), CBENCH_NATIVE_DIR (where the addon is, default native/electron) and
// CBENCH_REBUILD_SCRIPT (what builds it, default scripts/rebuild-electron.mjs), CBENCH_START_NO_BUILD=1
// (use out/ as it is: the tests start this script while other tests read out/).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronAddon, REBUILD_COMMAND } from './electron-addon.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = path.join(root, 'node_modules', 'electron');
const INSTALL_TIMEOUT_MS = 60_000;
const dev = process.argv.includes('--dev');
const extraArgs = process.argv.slice(2).filter((arg) => arg !== '--dev');
const EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/** Newest modification time among the files under `target` (a file or a folder), 0 when absent. */
function newestMtimeMs(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtimeMs(path.join(target, entry)));
  return newest;
}

/** The oldest of the built files, or 0 when one is missing (so any source makes it stale). */
function oldestMtimeMs(files) {
  let oldest = Infinity;
  for (const file of files) {
    if (!existsSync(file)) return 0;
    oldest = Math.min(oldest, statSync(file).mtimeMs);
  }
  return oldest;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

/** Rebuilds what `npm start` needs when it is missing or older than its sources. */
function buildIfStale() {
  const sources = Math.max(
    ...['src', 'resources', 'electron.vite.config.ts', 'package.json', 'svelte.config.js'].map((name) =>
      newestMtimeMs(path.join(root, name)),
    ),
  );
  const appBuilt = oldestMtimeMs(
    ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((f) => path.join(root, f)),
  );
  if (appBuilt < sources) {
    console.log('Building the app (out/ is missing or older than the sources)...');
    if (
      !run(process.execPath, [
        path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
        'build',
      ])
    ) {
      console.error('npm start: "electron-vite build" failed (see above)');
      process.exit(1);
    }
  }
  const cliBuilt = oldestMtimeMs([path.join(root, 'dist', 'cli', 'index.js')]);
  if (cliBuilt < newestMtimeMs(path.join(root, 'src'))) {
    if (!run('npm', ['run', '--silent', 'build:node'], { shell: process.platform === 'win32' })) {
      console.error('npm start: "npm run build:node" failed (see above)');
      process.exit(1);
    }
  }
}

/** The Electron executable, if its binary is installed (reading path.txt; requiring 'electron' would download). */
function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  // As electron's own index.js: path.txt names the executable inside dist/; an override dist may go without it.
  const relative = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : override
      ? (EXECUTABLE[process.platform] ?? 'electron')
      : null;
  if (!relative) return null;
  const binary = path.join(override || path.join(electronDir, 'dist'), relative);
  return existsSync(binary) ? binary : null;
}

/** Builds the addon when needed; returns the environment the app starts with. */
async function prepareAddon(env) {
  const electronVersion = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  const nativeDir = path.resolve(process.env.CBENCH_NATIVE_DIR || path.join(root, 'native', 'electron'));
  const rebuildScript = path.resolve(
    process.env.CBENCH_REBUILD_SCRIPT || path.join(root, 'scripts', 'rebuild-electron.mjs'),
  );
  const addon = await ensureElectronAddon({ nativeDir, electronVersion, rebuildScript, env });
  if (addon.ok) return { ...env, CBENCH_SQLITE_BINDING: addon.addon };
  console.warn(
    `npm start: the SQLite addon for Electron ${electronVersion} could not be built: ${addon.reason}. ` +
      `The app opens without history (its window says so); "${REBUILD_COMMAND}" builds it once the ` +
      `headers can be downloaded.`,
  );
  return env;
}

/** One attempt to download the binary, bounded in time and quiet unless it works. */
function tryInstallElectron() {
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: 'ignore',
    timeout: INSTALL_TIMEOUT_MS,
  });
  return result.status === 0;
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Runs a child with our stdio, passing Ctrl-C and kill on to it, and exits with its code. */
function handOver(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function serveInBrowser(reason) {
  console.log(`${reason}; serving the GUI in your browser instead`);
  handOver(process.execPath, [path.join(root, 'bin', 'cbench.js'), 'serve', ...extraArgs]);
}

if (!dev && process.env.CBENCH_START_NO_BUILD !== '1') buildIfStale();
let binary = electronBinary();
if (!binary && tryInstallElectron()) binary = electronBinary();
if (!binary) {
  serveInBrowser("Electron's binary is not installed and could not be downloaded");
} else if (!hasDisplay()) {
  serveInBrowser('There is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)');
} else {
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node process; it is never what `npm start` means.
  const base = { ...process.env };
  delete base.ELECTRON_RUN_AS_NODE;
  const env = await prepareAddon(base);
  if (dev) {
    handOver(
      process.execPath,
      [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'dev', ...extraArgs],
      env,
    );
  } else {
    handOver(binary, ['.', ...extraArgs], env);
  }
}
