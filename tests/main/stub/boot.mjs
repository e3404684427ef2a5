// Boots the BUILT desktop shell under plain Node: `electron` resolves to the stub, out/main/index.js runs as
// Electron would run it, app 'ready' fires, the window loads, and out/preload/index.cjs runs in a sandbox-like
// context whose exposed `window.api` is returned. Used by the tests' main-process harness and by the bench.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const builtMain = path.join(projectRoot, 'out', 'main', 'index.js');

function newestMtimeMs(target) {
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((entry) => newestMtimeMs(path.join(target, entry))));
}

/** Loads the built main process and its preload; rejects naming what is missing when the build is absent. */
export async function bootShell({ timeoutMs = 30_000 } = {}) {
  for (const file of [builtMain, path.join(projectRoot, 'out', 'preload', 'index.cjs')]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: run "npm run build" (electron-vite build) before the shell tests`);
    }
  }
  const sources = ['main', 'preload', 'engine', 'shared'].map((dir) => path.join(projectRoot, 'src', dir));
  if (Math.max(...sources.filter(existsSync).map(newestMtimeMs)) > statSync(builtMain).mtimeMs) {
    console.warn(
      `warning: ${builtMain} is older than src/: testing the last build ("npm run build" refreshes it)`,
    );
  }
  register('./hooks.mjs', import.meta.url);
  const { stub } = await import('./electron.mjs');
  const loaded = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the main process did not load a window within ${timeoutMs} ms`)),
      timeoutMs,
    );
    stub.events.once('loaded', (window, url) => {
      clearTimeout(timer);
      resolve({ window, url });
    });
  });
  await import(pathToFileURL(builtMain).href);
  stub.emitReady();
  const { window, url } = await loaded;
  stub.loadPreload(window);
  const api = stub.exposed.get('api');
  if (!api) throw new Error('the preload exposed no "api"');
  return { stub, window, url, api };
}
