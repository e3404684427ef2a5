// The desktop shell under test, in a process of its own (as Electron's main process would be): boots the
// built main + preload on the stub, then takes orders from the test over the IPC channel and reports run
// events, child spawns and its own exit. Every order answers { id, ok, value } or { id, ok: false, error }.
import { bootShell } from '../stub/boot.mjs';

// Plays Electron's runtime where the store looks at it: with a version here, the store loads the SQLite addon
// built for Electron (native/electron, or $CBENCH_SQLITE_BINDING) as the real app would, not npm's Node build.
if (process.env.CBENCH_STUB_ELECTRON_VERSION) {
  Object.defineProperty(process.versions, 'electron', {
    value: process.env.CBENCH_STUB_ELECTRON_VERSION,
    enumerable: true,
  });
}

const send = (message) => {
  if (process.connected) process.send(message);
};

function describeError(error) {
  return { name: error?.name ?? 'Error', message: error?.message ?? String(error) };
}

const { stub, window, url, api } = await bootShell();

stub.events.on('child-spawned', (child) =>
  send({ type: 'spawn', pid: child.osPid, name: child.serviceName }),
);
// Reported as the process ends: children still running at that moment were not waited for.
stub.beforeExit = (code) =>
  send({
    type: 'exiting',
    code,
    aliveChildren: stub.children.filter((child) => child.exitCode === undefined).map((child) => child.osPid),
  });
api.onRunEvent((event) => send({ type: 'push', atMs: performance.now(), event }));

/** The fake event an invoke carries, for each kind of sender a test impersonates. */
function senderFor(kind) {
  const frame = window.webContents.mainFrame;
  switch (kind) {
    case 'app':
      return { sender: window.webContents, senderFrame: frame };
    case 'other-window': {
      const { BrowserWindow } = stub.electron;
      const other = new BrowserWindow({
        show: false,
        webPreferences: { contextIsolation: true, sandbox: true },
      });
      other.webContents.mainFrame.url = url;
      return { sender: other.webContents, senderFrame: other.webContents.mainFrame };
    }
    case 'sub-frame':
      return { sender: window.webContents, senderFrame: { url, parent: frame, routingId: 99 } };
    case 'other-page':
      return {
        sender: window.webContents,
        senderFrame: { url: 'https://example.com/', parent: null, routingId: 98 },
      };
    case 'no-frame':
      return { sender: window.webContents, senderFrame: null };
    default:
      throw new Error(`unknown sender kind ${kind}`);
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const orders = {
  api: ({ method, args = [] }) => api[method](...args),
  invokeRaw: ({ channel, payload, sender = 'app' }) => stub.invoke(channel, [payload], senderFor(sender)),
  /** Drops these files on the page: the preload's pathsForFiles, as the renderer calls it. */
  drop: ({ paths }) => api.pathsForFiles(paths.map((p) => stub.fileAt(p))),
  inspect: () => ({
    url,
    pid: process.pid,
    windowOptions: JSON.parse(JSON.stringify(window.options)),
    windowCount: stub.windows.length,
    exposedKeys: [...stub.exposed.keys()],
    apiMode: api.mode,
    apiShape: Object.fromEntries(Object.entries(api).map(([key, value]) => [key, typeof value])),
    handlers: [...stub.handlers.keys()].sort(),
    privilegedSchemes: stub.privilegedSchemes,
    protocols: [...stub.protocolHandlers.keys()],
    singleInstanceRequested: stub.singleInstanceRequested,
    errorBoxes: stub.errorBoxes,
  }),
  headers: ({ url: requestUrl, responseHeaders }) =>
    new Promise((resolve) => {
      stub.session.defaultSession.headersListener({ url: requestUrl, responseHeaders }, (response) =>
        resolve(response),
      );
    }),
  beforeRequest: ({ url: requestUrl }) =>
    new Promise((resolve) => {
      stub.session.defaultSession.beforeRequestListener({ url: requestUrl }, (response) => resolve(response));
    }),
  permission: ({ permission }) =>
    new Promise((resolve) => {
      const session = stub.session.defaultSession;
      const checked = session.permissionCheckHandler(window.webContents, permission, url, {});
      session.permissionRequestHandler(
        window.webContents,
        permission,
        (granted) => resolve({ granted, checked }),
        {},
      );
    }),
  navigate: ({ event: name, url: target }) => {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    window.webContents.emit(name, event, target);
    return { prevented: event.defaultPrevented };
  },
  windowOpen: ({ url: target }) =>
    window.webContents.windowOpenHandler({
      url: target,
      frameName: '',
      features: '',
      disposition: 'new-window',
    }),
  fetchApp: async ({ url: target }) => {
    const response = await stub.protocolHandlers.get('app')(new Request(target));
    const body = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text: body.toString('utf8', 0, 4096),
      bytes: body.length,
    };
  },
  /** Subscribes and unsubscribes through window.api, reporting the page's run:event listener count each time. */
  listenerCheck: () => {
    const count = () => window.webContents.renderer.listenerCount('run:event');
    const before = count();
    const unsubscribe = api.onRunEvent(() => {});
    const during = count();
    const returned = typeof unsubscribe;
    unsubscribe();
    return { before, during, after: count(), returned };
  },
  pathsForFiles: ({ paths }) => api.pathsForFiles(paths.map((p) => stub.fileAt(p))),
  children: () =>
    stub.children.map((child) => ({
      pid: child.osPid,
      alive: isAlive(child.osPid),
      exitCode: child.exitCode,
    })),
  setDialogResponse: ({ response }) => {
    stub.dialogResponse = response;
    return null;
  },
  openDialogs: () => stub.openDialogs,
  resizeWindow: ({ bounds }) => {
    window.setBounds(bounds);
    return window.getBounds();
  },
  closeWindow: () => {
    window.close();
    return null;
  },
  quit: () => {
    stub.electron.app.quit();
    return null;
  },
};

process.on('message', async ({ id, op, args }) => {
  try {
    const handler = orders[op];
    if (!handler) throw new Error(`unknown order ${op}`);
    send({ type: 'reply', id, ok: true, value: await handler(args ?? {}) });
  } catch (error) {
    send({ type: 'reply', id, ok: false, error: describeError(error) });
  }
});

send({ type: 'ready', pid: process.pid, url });
