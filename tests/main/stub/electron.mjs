// A stand-in for the `electron` module, for running the built main process and preload under plain Node.
// It is the only fake in the shell tests: everything behind it (the engine, its workers and children, SQLite)
// is real. It plays Electron's documented behaviour where the shell depends on it (whenReady, handler
// registration errors, utility processes with process.parentPort and pid only after spawn, structured-clone
// IPC, the sandboxed preload's restricted require), and records what the shell asked for so tests can check it.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const shimUrl = new URL('./parent-port-shim.mjs', import.meta.url).href;
const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));

class StubEvent {
  defaultPrevented = false;
  preventDefault() {
    this.defaultPrevented = true;
  }
}

let readyResolve;
const readyPromise = new Promise((resolve) => (readyResolve = resolve));
let isReady = false;
let quitting = false;
let nextId = 1;

/** What the shell did, and the levers tests pull. */
export const stub = {
  events: new EventEmitter(),
  windows: [],
  handlers: new Map(),
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  children: [],
  exposed: new Map(),
  errorBoxes: [],
  openDialogs: [],
  dialogResponse: { canceled: true, filePaths: [] },
  singleInstanceLock: true,
  singleInstanceRequested: false,
  userDataDir:
    process.env.CBENCH_STUB_USERDATA || mkdtempSync(path.join(os.tmpdir(), 'cbench-stub-userdata-')),
  filePaths: new WeakMap(),
  /** Called just before the stub ends the process (app.exit / the end of app.quit). */
  beforeExit: (_code) => {},
  /** Fires app 'ready': what Electron does once the main script has run. */
  emitReady() {
    if (isReady) return;
    isReady = true;
    app.emit('ready', new StubEvent(), {});
    readyResolve();
  },
  /** Calls the handler registered for `channel` as Electron would for an invoke from `sender`/`senderFrame`. */
  async invoke(channel, args, { sender, senderFrame }) {
    const handler = stub.handlers.get(channel);
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
    const event = { sender, senderFrame, processId: 1, frameId: senderFrame?.routingId ?? 1, type: 'frame' };
    return structuredClone(await handler(event, ...structuredClone(args)));
  },
  /** A File whose on-disk path webUtils.getPathForFile knows, like one dropped from the file manager. */
  fileAt(filePath) {
    const file = new File([readFileSync(filePath)], path.basename(filePath));
    stub.filePaths.set(file, filePath);
    return file;
  },
  /** Runs a built preload the way a sandboxed renderer does, with `window` as its page. */
  loadPreload(window) {
    const preloadPath = window.options.webPreferences?.preload;
    if (!preloadPath) throw new Error('the window has no preload');
    if (!window.options.webPreferences.contextIsolation)
      throw new Error('contextBridge needs contextIsolation');
    stub.rendererWindow = window;
    const source = readFileSync(preloadPath, 'utf8');
    const module = { exports: {} };
    // A sandboxed preload may require only these; anything else fails inside Electron too.
    const nodeRequire = createRequire(import.meta.url);
    const allowed = {
      electron: rendererElectron,
      events: nodeRequire('events'),
      timers: nodeRequire('timers'),
      url: nodeRequire('url'),
    };
    const sandboxRequire = (id) => {
      if (!(id in allowed))
        throw new Error(
          `module not found: ${id} (a sandboxed preload can only require ${Object.keys(allowed).join(', ')})`,
        );
      return allowed[id];
    };
    const context = vm.createContext({
      console,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      setImmediate,
      clearImmediate,
      queueMicrotask,
      process: {
        platform: process.platform,
        arch: process.arch,
        versions: { ...process.versions },
        env: {},
        sandboxed: true,
        contextIsolated: true,
        type: 'renderer',
      },
    });
    const wrapper = vm.runInContext(
      `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
      context,
      {
        filename: preloadPath,
      },
    );
    wrapper(module.exports, sandboxRequire, module, preloadPath, path.dirname(preloadPath));
    return module.exports;
  },
};

// ---- app ----------------------------------------------------------------------------------------------
class App extends EventEmitter {
  isPackaged = false;
  whenReady() {
    return readyPromise;
  }
  isReady() {
    return isReady;
  }
  requestSingleInstanceLock() {
    stub.singleInstanceRequested = true;
    return stub.singleInstanceLock;
  }
  releaseSingleInstanceLock() {}
  getVersion() {
    return packageJson.version;
  }
  getName() {
    return packageJson.name;
  }
  getAppPath() {
    return projectRoot;
  }
  getPath(name) {
    if (name === 'userData' || name === 'appData' || name === 'sessionData') return stub.userDataDir;
    if (name === 'temp') return os.tmpdir();
    if (name === 'home') return os.homedir();
    return path.join(stub.userDataDir, name);
  }
  focus() {}
  quit() {
    const beforeQuit = new StubEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    quitting = true;
    for (const window of [...stub.windows]) {
      window.close();
      if (!window.isDestroyed()) {
        quitting = false;
        return;
      }
    }
    const willQuit = new StubEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      quitting = false;
      return;
    }
    this.emit('quit', new StubEvent(), 0);
    this.exit(0);
  }
  exit(code = 0) {
    stub.beforeExit(code);
    process.exit(code);
  }
}
export const app = new App();

// ---- windows ------------------------------------------------------------------------------------------
class WebFrameMain {
  constructor(url, parent) {
    this.url = url;
    this.parent = parent;
    this.routingId = nextId++;
    this.processId = 1;
    this.frameTreeNodeId = this.routingId;
    this.name = '';
  }
  get top() {
    return this.parent ? this.parent.top : this;
  }
  get origin() {
    try {
      return new URL(this.url).origin;
    } catch {
      return 'null';
    }
  }
}

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextId++;
    this.mainFrame = new WebFrameMain('', null);
    this.sent = [];
    this.renderer = new EventEmitter();
    this.windowOpenHandler = null;
    this.destroyed = false;
    this.session = defaultSession;
  }
  send(channel, ...args) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned, atMs: performance.now() });
    setImmediate(() => this.renderer.emit(channel, { sender: ipcRenderer }, ...cloned));
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  async loadURL(url) {
    const event = new StubEvent();
    this.emit('will-navigate', event, url);
    this.mainFrame.url = url;
    await new Promise((resolve) => setImmediate(resolve));
    this.emit('did-finish-load');
  }
  getURL() {
    return this.mainFrame.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  openDevTools() {}
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [...stub.windows];
  }
  static fromWebContents(webContents) {
    return stub.windows.find((window) => window.webContents === webContents) ?? null;
  }
  constructor(options = {}) {
    super();
    if (!isReady) throw new Error('Cannot create BrowserWindow before app is ready');
    this.id = nextId++;
    this.options = options;
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    this.destroyed = false;
    this.visible = options.show !== false;
    this.webContents = new WebContents();
    stub.windows.push(this);
    app.emit('web-contents-created', new StubEvent(), this.webContents);
    stub.events.emit('window', this);
  }
  async loadURL(url) {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
    stub.events.emit('loaded', this, url);
  }
  close() {
    if (this.destroyed) return;
    const event = new StubEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    stub.windows.splice(stub.windows.indexOf(this), 1);
    this.emit('closed');
    if (stub.windows.length === 0 && !quitting) app.emit('window-all-closed');
  }
  isDestroyed() {
    return this.destroyed;
  }
  show() {
    this.visible = true;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  getBounds() {
    return { ...this.bounds };
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds) {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('resize');
  }
}

// ---- IPC ----------------------------------------------------------------------------------------------
export const ipcMain = {
  handle(channel, handler) {
    if (stub.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    stub.handlers.set(channel, handler);
  },
  handleOnce(channel, handler) {
    this.handle(channel, async (...args) => {
      stub.handlers.delete(channel);
      return handler(...args);
    });
  },
  removeHandler(channel) {
    stub.handlers.delete(channel);
  },
  on() {
    throw new Error('the stub supports only invoke-style IPC (ipcMain.handle)');
  },
};

function rendererWindow() {
  if (!stub.rendererWindow || stub.rendererWindow.destroyed) throw new Error('no renderer page is loaded');
  return stub.rendererWindow;
}

export const ipcRenderer = {
  invoke(channel, ...args) {
    const window = rendererWindow();
    return stub.invoke(channel, args, {
      sender: window.webContents,
      senderFrame: window.webContents.mainFrame,
    });
  },
  on(channel, listener) {
    rendererWindow().webContents.renderer.on(channel, listener);
    return ipcRenderer;
  },
  once(channel, listener) {
    rendererWindow().webContents.renderer.once(channel, listener);
    return ipcRenderer;
  },
  removeListener(channel, listener) {
    rendererWindow().webContents.renderer.removeListener(channel, listener);
    return ipcRenderer;
  },
  off(channel, listener) {
    return ipcRenderer.removeListener(channel, listener);
  },
  send() {
    throw new Error('the stub supports only invoke-style IPC (ipcRenderer.invoke)');
  },
};

export const contextBridge = {
  exposeInMainWorld(key, api) {
    if (stub.exposed.has(key))
      throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    stub.exposed.set(key, api);
  },
};

export const webUtils = {
  getPathForFile(file) {
    return stub.filePaths.get(file) ?? '';
  },
};

// ---- session, protocol, dialog ------------------------------------------------------------------------
function lastListener(args) {
  return typeof args[0] === 'function' ? args[0] : args[1];
}

const defaultSession = {
  webRequest: {
    onHeadersReceived(...args) {
      defaultSession.headersListener = lastListener(args) ?? null;
    },
    onBeforeRequest(...args) {
      defaultSession.beforeRequestListener = lastListener(args) ?? null;
    },
  },
  headersListener: null,
  beforeRequestListener: null,
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  setPermissionRequestHandler(handler) {
    defaultSession.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler) {
    defaultSession.permissionCheckHandler = handler;
  },
};

export const session = {
  defaultSession,
  fromPartition() {
    return defaultSession;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    stub.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    if (!isReady) throw new Error('protocol.handle must be called after app is ready');
    if (stub.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    stub.protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme) {
    stub.protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme) {
    return stub.protocolHandlers.has(scheme);
  },
};
defaultSession.protocol = protocol;

export const dialog = {
  async showOpenDialog(windowOrOptions, maybeOptions) {
    const options = maybeOptions ?? windowOrOptions;
    stub.openDialogs.push(options);
    return structuredClone(stub.dialogResponse);
  },
  showErrorBox(title, content) {
    stub.errorBoxes.push({ title, content });
    console.error(`[stub dialog] ${title}: ${content}`);
  },
  async showMessageBox() {
    return { response: 0, checkboxChecked: false };
  },
};

// ---- utility processes --------------------------------------------------------------------------------
const STDIO = new Set(['pipe', 'ignore', 'inherit']);

class UtilityProcess extends EventEmitter {
  #child;
  #spawned = false;
  constructor(modulePath, args = [], options = {}) {
    super();
    if (!isReady) throw new Error('utilityProcess.fork can only be called after the app is ready');
    const stdio = options.stdio ?? 'inherit';
    const [out, err] =
      typeof stdio === 'string' ? [stdio, stdio] : [stdio[1] ?? 'inherit', stdio[2] ?? 'inherit'];
    if (!STDIO.has(out) || !STDIO.has(err)) throw new Error(`unsupported stdio ${JSON.stringify(stdio)}`);
    this.modulePath = modulePath;
    this.serviceName = options.serviceName ?? 'Node Utility Process';
    this.#child = fork(modulePath, args, {
      execArgv: ['--import', shimUrl, ...(options.execArgv ?? [])],
      cwd: options.cwd,
      env: options.env ?? process.env,
      serialization: 'advanced',
      stdio: ['ignore', out, err, 'ipc'],
    });
    this.stdout = this.#child.stdout;
    this.stderr = this.#child.stderr;
    this.exitCode = undefined;
    this.#child.once('spawn', () => {
      this.#spawned = true;
      stub.events.emit('child-spawned', this);
      this.emit('spawn');
    });
    this.#child.on('message', (message) => this.emit('message', message));
    this.#child.on('error', (error) => console.error(`[stub utilityProcess] ${this.serviceName}:`, error));
    this.#child.once('exit', (code, signal) => {
      // Electron reports the waitpid status as one code; a signal becomes 128 + its number, as in a shell.
      this.exitCode = code ?? 128 + (os.constants.signals[signal] ?? 0);
      stub.events.emit('child-exited', this);
      this.emit('exit', this.exitCode);
    });
    stub.children.push(this);
  }
  get pid() {
    return this.#spawned && this.exitCode === undefined ? this.#child.pid : undefined;
  }
  /** The OS pid even after exit, for tests checking that nothing is left behind. */
  get osPid() {
    return this.#child.pid;
  }
  postMessage(message) {
    if (this.exitCode !== undefined || !this.#child.connected) return;
    this.#child.send(message);
  }
  kill() {
    return this.#child.kill('SIGTERM');
  }
}

export const utilityProcess = {
  fork(modulePath, args, options) {
    return new UtilityProcess(modulePath, args, options);
  },
};

const rendererElectron = Object.freeze({ contextBridge, ipcRenderer, webUtils });

const electron = {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  webUtils,
  session,
  protocol,
  dialog,
  utilityProcess,
};
stub.electron = electron;
stub.session = session;
export default electron;
