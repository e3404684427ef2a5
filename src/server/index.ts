// `cbench serve`'s server: the built renderer over HTTP, the IpcContract over a WebSocket, uploads for dropped
// files; on 127.0.0.1 only, every request carrying the random token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duplex } from 'node:stream';
import type { EngineHost } from '../engine/host.js';
import { PathPolicy } from '../engine/path-policy.js';
import type { BenchService } from '../engine/service.js';
import type { HttpErrorBody, WireNames } from '../shared/wire.js';
import type { IpcError } from '../shared/ipc.js';
import {
  checkHost,
  checkOrigin,
  cookieName,
  createToken,
  readCookie,
  sessionCookie,
  tokenMatches,
} from './auth.js';
import { createBridge, type Bridge } from './bridge.js';
import { lookupStatic, sendFile } from './static.js';
import {
  checkSessionId,
  DEFAULT_UPLOAD_LIMITS,
  UploadError,
  UploadStore,
  type UploadLimits,
} from './uploads.js';

const SOCKET_PATH: WireNames['socketPath'] = '/ws';
const UPLOAD_PATH: WireNames['uploadPath'] = '/upload';
const TOKEN_PARAM: WireNames['tokenParam'] = 'token';
const SESSION_PARAM: WireNames['sessionParam'] = 'session';
const TOKEN_HEADER: WireNames['tokenHeader'] = 'x-cbench-token';
const SESSION_HEADER: WireNames['sessionHeader'] = 'x-cbench-session';
const NAME_PARAM: WireNames['nameParam'] = 'name';
/** Lets the page tell a refused token from a server that is down (a failed WebSocket says neither). */
const SESSION_CHECK_PATH = '/api/session';

export const LOOPBACK = '127.0.0.1';

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

function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Svelte style: directives and chart.js write style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${LOOPBACK}:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function securityHeaders(res: ServerResponse, port: number): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // The page URL carries the token: never let it leave in a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendError(res: ServerResponse, status: number, code: IpcError['code'], message: string): void {
  const body: HttpErrorBody = { error: { code, message } };
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404, message: string): void {
  const reason = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}

function checkPort(port: number | undefined): number {
  if (port === undefined) return 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`port must be an integer from 0 to 65535 (0: a free port), got ${port}`);
  }
  return port;
}

interface Target {
  pathname: string;
  searchParams: URLSearchParams;
}

/**
 * Splits the request target by hand: `new URL()` would read "//name/..." as a host and silently fold ".."
 * segments, and the static lookup wants the path exactly as sent (it resolves and checks it itself).
 */
function parseTarget(raw: string | undefined): Target {
  const target = raw ?? '/';
  const q = target.indexOf('?');
  return {
    pathname: q < 0 ? target : target.slice(0, q),
    searchParams: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)),
  };
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE')
        reject(new Error(`port ${port} is already in use; pick another with --port`));
      else if (error.code === 'EACCES') reject(new Error(`not allowed to listen on port ${port}`));
      else reject(error);
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return address.port;
}

async function createService(options: ServerOptions, paths: PathPolicy): Promise<BenchService> {
  // Loaded here rather than at the top so that the HTTP side starts without waiting for the engine's imports.
  const [{ createBenchService }, { nodeHost }, { defaultImagesRoot }] = await Promise.all([
    import('../engine/service-impl.js'),
    import('../engine/host.js'),
    import('../engine/workloads/index.js'),
  ]);
  const host = options.engineHost ?? nodeHost();
  // A browser holding the token may only name what this server itself put on disk or ships: its session's
  // uploads (granted by the UploadStore), the outputs of runs (which never name an output folder in web
  // mode) and the bundled samples.
  const imagesRoot = defaultImagesRoot();
  await mkdir(imagesRoot, { recursive: true });
  await paths.addPublicRoot(imagesRoot);
  await paths.addPublicRoot(host.sampleDir);
  return createBenchService({
    dbPath: options.dbPath,
    host,
    appVersion: options.appVersion,
    pathPolicy: paths,
    // As in the desktop app: a history that cannot be opened is said in the page, and runs still work.
    historyFallback: true,
  });
}

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

  /** Token sent explicitly: query parameter or header. */
  function explicitToken(req: IncomingMessage, url: Target): string | null {
    const header = req.headers[TOKEN_HEADER];
    if (typeof header === 'string') return header;
    return url.searchParams.get(TOKEN_PARAM);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res, port);
    const hostProblem = checkHost(req, port);
    if (hostProblem) return sendError(res, 403, 'forbidden', hostProblem);
    const url = parseTarget(req.url);
    const given = explicitToken(req, url);

    if (url.pathname === UPLOAD_PATH) {
      if (req.method !== 'POST')
        return sendError(res, 405, 'bad-request', `${UPLOAD_PATH} accepts POST only`);
      if (!tokenMatches(token, given)) {
        return sendError(
          res,
          403,
          'forbidden',
          `missing or wrong token (send it in the ${TOKEN_HEADER} header)`,
        );
      }
      const originProblem = checkOrigin(req, port, true);
      if (originProblem) return sendError(res, 403, 'forbidden', originProblem);
      const sessionId = req.headers[SESSION_HEADER];
      const sessionProblem = checkSessionId(typeof sessionId === 'string' ? sessionId : null);
      if (sessionProblem) return sendError(res, 400, 'bad-request', `${SESSION_HEADER}: ${sessionProblem}`);
      const name = url.searchParams.get(NAME_PARAM);
      if (!name)
        return sendError(res, 400, 'bad-request', `missing "${NAME_PARAM}" query parameter (the file name)`);
      try {
        const stored = await uploads.receive(req, sessionId as string, name);
        const text = JSON.stringify(stored);
        res.statusCode = 200;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.end(text);
      } catch (error) {
        // The rest of a refused body is not worth reading: answer, then drop the connection.
        res.setHeader('Connection', 'close');
        if (error instanceof UploadError) sendError(res, error.status, 'bad-request', error.message);
        else sendError(res, 500, 'internal', `upload failed: ${(error as Error).message}`);
      }
      return;
    }

    if (url.pathname === SESSION_CHECK_PATH) {
      if (!tokenMatches(token, given)) return sendError(res, 403, 'forbidden', 'missing or wrong token');
      res.statusCode = 204;
      res.end();
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, 'bad-request', `${req.method} is not allowed here`);
    }
    // Pages and assets: the explicit token (which then sets the cookie) or the cookie alone. A wrong explicit
    // token is refused even with a good cookie, so a stale URL is noticed rather than silently working.
    if (given !== null) {
      if (!tokenMatches(token, given)) return sendError(res, 403, 'forbidden', 'wrong token');
      res.setHeader('Set-Cookie', sessionCookie(port, token));
    } else if (!tokenMatches(token, readCookie(req, cookieName(port)))) {
      return sendError(res, 403, 'forbidden', 'missing token: open the address printed by `cbench serve`');
    }
    const found = await lookupStatic(rendererReal, url.pathname);
    if (!found.ok && url.pathname === '/favicon.ico') {
      // Browsers ask for it unprompted; a 404 would be logged as a console error on every page load.
      res.statusCode = 204;
      res.end();
      return;
    }
    if (!found.ok)
      return sendError(res, found.status, found.status === 404 ? 'not-found' : 'bad-request', found.message);
    sendFile(res, found.file, found.bytes, req.method === 'HEAD');
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const hostProblem = checkHost(req, port);
    if (hostProblem) return refuseUpgrade(socket, 403, hostProblem);
    const url = parseTarget(req.url);
    if (url.pathname !== SOCKET_PATH) return refuseUpgrade(socket, 404, `no WebSocket at ${url.pathname}`);
    if (!tokenMatches(token, url.searchParams.get(TOKEN_PARAM))) {
      return refuseUpgrade(socket, 403, 'missing or wrong token');
    }
    const originProblem = checkOrigin(req, port, false);
    if (originProblem) return refuseUpgrade(socket, 403, originProblem);
    const sessionId = url.searchParams.get(SESSION_PARAM);
    const sessionProblem = checkSessionId(sessionId);
    if (sessionProblem) return refuseUpgrade(socket, 400, `${SESSION_PARAM}: ${sessionProblem}`);
    if (!bridge) return refuseUpgrade(socket, 404, 'server is closing');
    bridge.accept(req, socket, head, sessionId!);
  }

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
    : uploads.ensureRoot().then(() => createService(options, paths));
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
    url: `${origin}/?${TOKEN_PARAM}=${token}`,
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
