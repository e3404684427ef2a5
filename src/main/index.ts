// The Electron main process, as a table of contents. Everything it does is glue: the engine (runs, history,
// machine, images) lives in src/engine and runs under plain Node too; this process creates the window,
// relays IPC to the engine's service and hosts the engine's children as utility processes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { PathPolicy } from '../engine/path-policy.js';
import { createBenchService } from '../engine/service-impl.js';
import { defaultImagesRoot } from '../engine/workloads/index.js';
import { defaultDbPath } from '../engine/store/index.js';
import { electronHost, sampleDir } from './engine-host.js';
import { setupHistory } from './history.js';
import { pickImagesWithDialog, setupImages } from './images.js';
import { windowScope, type ShellContext } from './ipc.js';
import { setupQuit } from './lifecycle.js';
import { setupMachine } from './machine.js';
import { APP_PAGE_URL, registerAppScheme, serveRenderer } from './protocol.js';
import { cancelActiveRun, setupRuns } from './runs.js';
import { setupSecurity } from './security.js';
import { createSenderCheck } from './sender.js';
import { loadSettings, setupSettings } from './settings.js';
import { focusWindow, openMainWindow } from './window.js';

const MAIN_DIR = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(MAIN_DIR, '..', 'preload', 'index.cjs');
const RENDERER_DIR = path.join(MAIN_DIR, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;
const getWindow = (): BrowserWindow | null => mainWindow;

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(mainWindow));
  app.whenReady().then(start).catch(failToStart);
}

async function start(): Promise<void> {
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const appUrl = devServer ?? APP_PAGE_URL;
  setupSecurity(session.defaultSession, { appUrl, devServer });
  serveRenderer(RENDERER_DIR);

  // A window may name what its user picked or dropped there, run outputs and the bundled samples.
  const paths = new PathPolicy(
    'what was picked or dropped in this window, run outputs and the bundled samples',
  );
  await paths.addPublicRoot(defaultImagesRoot());
  await paths.addPublicRoot(sampleDir());
  const service = await createBenchService({
    pathPolicy: paths,
    dbPath: defaultDbPath(),
    host: electronHost(MAIN_DIR),
    appVersion: app.getVersion(),
    electronVersion: process.versions.electron ?? null,
    pickImages: pickImagesWithDialog(getWindow),
    // Without its SQLite addon (or with a broken database file) the app still opens: the window says why
    // history is unavailable and how to fix it, and runs are kept in memory for the session.
    historyFallback: true,
  });
  const context: ShellContext = {
    service,
    paths,
    getWindow,
    checkSender: createSenderCheck(getWindow, appUrl),
  };
  setupRuns(context);
  setupHistory(context);
  setupImages(context);
  setupMachine(context);
  const quitting = setupQuit(service);

  const settingsFile = path.join(app.getPath('userData'), 'settings.json');
  const openWindow = (): void => {
    let scope = '';
    mainWindow = openMainWindow({
      preloadPath: PRELOAD,
      appUrl,
      bounds: loadSettings(settingsFile).windowBounds,
      onClosed: () => {
        mainWindow = null;
        paths.revoke(scope);
        // On macOS the app outlives its window: a run must not go on with nobody to watch it.
        if (!quitting()) cancelActiveRun(context).catch((error: unknown) => console.error('[main]', error));
      },
    });
    scope = windowScope(mainWindow.webContents);
    setupSettings(mainWindow, settingsFile);
  };
  openWindow();
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('[main] Concurrency Bench could not start:', error);
  dialog.showErrorBox('Concurrency Bench could not start', message);
  app.exit(1);
}
