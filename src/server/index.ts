// `cbench serve`'s server: the built renderer over HTTP, the IpcContract over a WebSocket, uploads for dropped
// files; on 127.0.0.1 only, every request carrying the random token.
import { createServer } from 'node:http';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineHost } from '../engine/host.js';
import { PathPolicy } from '../engine/path-policy.js';
import type { BenchService } from '../engine/service.js';
import { WIRE_NAMES } from '../shared/wire.js';
import { createToken } from './auth.js';
import { createBridge, type Bridge } from './bridge.js';
import { checkPort, listen, LOOPBACK, sendError } from './http.js';
import { createRoutes } from './routes.js';
import { loadService } from './service-loader.js';
import { DEFAULT_UPLOAD_LIMITS, UploadStore, type UploadLimits } from './uploads.js';

export { LOOPBACK } from './http.js';

export interface ServerOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Only 127.0.0.1 is accepted: the GUI can start runs and read files, so it is never exposed to a network. */
  host?: string;
  /** History database file; the service's default (the user's data folder) when absent. */
  dbPath?: string;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir?: string;
  engineHost?: EngineHost;
  /** An existing service to adapt instead of creating one; the caller then owns (and closes) it. */
  service?: BenchService;
  appVersion?: string;
  uploadLimits?: Partial<UploadLimits>;
  /** WebSocket messages above this size get an error reply (history bundles are the large ones). */
  maxMessageBytes?: number;
  progressIntervalMs?: number;
}

export interface RunningServer {
  /** The page URL including the token. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  /** Where uploads are stored while the server runs (null until the first upload). */
  readonly uploadRoot: string | null;
  /**
   * The backend, loaded after the server starts listening so the page can paint meanwhile. Rejects when it
   * cannot start (e.g. an unusable database); socket calls then answer with that reason.
   */
  readonly ready: Promise<BenchService>;
  /** Closes sockets, cancels a running suite (waiting for its children), removes uploads. */
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** src/server and dist/server are both two levels below the package root. */
export const DEFAULT_RENDERER_DIR = path.resolve(here, '..', '..', 'out', 'renderer');

/** Starts the web server on 127.0.0.1; resolves once it listens (the service keeps loading: see `ready`). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const bindHost = options.host ?? LOOPBACK;
  if (bindHost !== LOOPBACK) {
    throw new Error(`refusing to listen on "${bindHost}": cbench serve listens on ${LOOPBACK} only`);
  }
  const requestedPort = checkPort(options.port);
  const token = options.token ?? createToken();
  if (token.length < 16) throw new Error('token must be at least 16 characters');
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  let rendererReal: string;
  try {
    rendererReal = await realpath(rendererDir);
  } catch {
    throw new Error(`renderer not built: ${rendererDir} is missing (run "npm run build")`);
  }

  const ownsService = options.service === undefined;

  let port = 0;
  let bridge: Bridge | null = null;
  let service: BenchService | null = null;
  const paths = new PathPolicy('uploads of this session, run outputs and the bundled samples');
  const uploads = new UploadStore(
    { ...DEFAULT_UPLOAD_LIMITS, ...options.uploadLimits },
    async () => {
      if (!service) return false;
      try {
        return (await service.handle('run:active', undefined)) !== null;
      } catch {
        return false;
      }
    },
    paths,
  );

  const { onRequest, onUpgrade } = createRoutes({
    token,
    rendererReal,
    uploads,
    port: () => port,
    bridge: () => bridge,
  });
  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      console.error('cbench serve: request failed:', error);
      if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
      else res.destroy();
    });
  });
  server.on('upgrade', onUpgrade);

  try {
    port = await listen(server, requestedPort);
  } catch (error) {
    server.close();
    throw error;
  }
  const loading = options.service
    ? Promise.resolve(options.service)
    : uploads.ensureRoot().then(() => loadService(options, paths));
  const servicePromise = loading.then((ready) => (service = ready));
  // Whoever starts the server awaits `ready`; this only keeps a failure from being reported as unhandled.
  servicePromise.catch(() => {});
  bridge = createBridge({
    service: servicePromise,
    maxMessageBytes: options.maxMessageBytes ?? 64 * 1024 * 1024,
    progressIntervalMs: options.progressIntervalMs,
    onSessionOpen: (id) => uploads.attach(id),
    onSessionClose: (id) => uploads.detach(id),
  });

  const origin = `http://${LOOPBACK}:${port}`;
  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?${WIRE_NAMES.tokenParam}=${token}`,
    origin,
    port,
    token,
    get uploadRoot() {
      return uploads.root;
    },
    ready: servicePromise,
    close() {
      closing ??= (async () => {
        const open = bridge!;
        bridge = null;
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await open.close();
        const created = await servicePromise.catch(() => null);
        if (ownsService) await created?.close();
        await uploads.close();
        server.closeAllConnections();
        await httpClosed;
      })();
      return closing;
    },
  };
}
