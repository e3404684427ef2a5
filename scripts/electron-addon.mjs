// The Electron build of better-sqlite3, as `npm start` and `npm run dev` see it: is the one in
// native/electron built for the Electron that is installed, and if not, build it (with a progress line)
// by running scripts/rebuild-electron.mjs. Where the build cannot be made the app still opens and says in
// its window that history is unavailable; this module only reports why.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ADDON_FILE = 'better_sqlite3.node';
export const REBUILD_COMMAND = 'npm run rebuild:electron';

/**
 * Whether `nativeDir` holds an addon built for `electronVersion` on this platform, read from the
 * build-info.json the rebuild script writes beside it: { ok: true } or { ok: false, reason }.
 */
export function addonState(nativeDir, electronVersion) {
  const addon = path.join(nativeDir, ADDON_FILE);
  if (!existsSync(addon)) return { ok: false, reason: `${addon} is missing` };
  let info;
  try {
    info = JSON.parse(readFileSync(path.join(nativeDir, 'build-info.json'), 'utf8'));
  } catch {
    return { ok: false, reason: `${path.join(nativeDir, 'build-info.json')} is missing or unreadable` };
  }
  if (info.electronVersion !== electronVersion) {
    return { ok: false, reason: `it was built for Electron ${info.electronVersion}, not ${electronVersion}` };
  }
  if (info.platform !== process.platform || info.arch !== process.arch) {
    return {
      ok: false,
      reason: `it was built for ${info.platform}-${info.arch}, not ${process.platform}-${process.arch}`,
    };
  }
  return { ok: true };
}

/** Runs the rebuild script as a child, its output kept for the error; resolves with its exit code. */
function runRebuild(script, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n` }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** A progress line while `work` runs: a ticking elapsed time on a terminal, a line every 30 s otherwise. */
async function withProgress(label, work, stream = process.stdout) {
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  const tty = Boolean(stream.isTTY);
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let frame = 0;
  stream.write(tty ? `${frames[0]} ${label} (0 s)` : `${label}...\n`);
  const timer = setInterval(
    () => {
      if (tty) stream.write(`\r${frames[++frame % frames.length]} ${label} (${elapsed()})`);
      else stream.write(`  still building (${elapsed()})\n`);
    },
    tty ? 100 : 30_000,
  );
  try {
    return await work();
  } finally {
    clearInterval(timer);
    if (tty) stream.write(`\r${label}: ${elapsed()}\n`);
  }
}

/**
 * Makes sure the Electron build of the addon matches `electronVersion`, building it when it is missing or
 * stale. Resolves with { ok: true, addon, built } or { ok: false, reason } (the app then opens without
 * history and says so); never throws.
 */
export async function ensureElectronAddon({ nativeDir, electronVersion, rebuildScript, env = process.env }) {
  const before = addonState(nativeDir, electronVersion);
  const addon = path.join(nativeDir, ADDON_FILE);
  if (before.ok) return { ok: true, addon, built: false };
  process.stdout.write(
    `The SQLite addon for Electron ${electronVersion} needs building (${before.reason}); this happens once and takes a minute or two.\n`,
  );
  const { code, output } = await withProgress(`Building better-sqlite3 for Electron ${electronVersion}`, () =>
    runRebuild(rebuildScript, { ...env, CBENCH_NATIVE_DIR: nativeDir }),
  );
  const after = addonState(nativeDir, electronVersion);
  if (code === 0 && after.ok) return { ok: true, addon, built: true };
  const lastLines = output.trim().split('\n').slice(-3).join(' / ');
  return {
    ok: false,
    reason: `the build did not produce it (${after.ok ? `exit code ${code}` : after.reason})${lastLines ? `: ${lastLines}` : ''}`,
  };
}
