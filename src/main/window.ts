// The one app window: locked-down web preferences, shown once painted, loading only the app's page.
import { BrowserWindow, type BrowserWindowConstructorOptions, type Rectangle } from 'electron';

/** The security-relevant preferences, on their own so a test can hold the window to them. */
export function secureWebPreferences(
  preloadPath: string,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  bounds?: Partial<Rectangle>;
}

/** Creates the window (not yet loaded: IPC handlers must exist before the page can call them). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: options.bounds?.width ?? 1280,
    height: options.bounds?.height ?? 860,
    x: options.bounds?.x,
    y: options.bounds?.y,
    minWidth: 880,
    minHeight: 600,
    show: false,
    title: 'Concurrency Bench',
    backgroundColor: '#101418',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

export interface OpenWindowOptions extends MainWindowOptions {
  /** The page to show; loaded after the caller has registered its IPC handlers. */
  appUrl: string;
  onClosed(): void;
}

/** Creates the window, wires its lifecycle and loads the app page. */
export function openMainWindow(options: OpenWindowOptions): BrowserWindow {
  const window = createMainWindow(options);
  window.on('closed', options.onClosed);
  void window.loadURL(options.appUrl);
  return window;
}

/** Shows the window that already exists (a second launch focuses it instead of opening another). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
