// What `cbench serve` answers: uploads, the session check, the renderer's pages and assets, and the
// WebSocket upgrade, each behind the token, Host and Origin checks that apply to it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WireNames } from '../shared/wire.js';
import { checkHost, checkOrigin, cookieName, readCookie, sessionCookie, tokenMatches } from './auth.js';
import type { Bridge } from './bridge.js';
import { parseTarget, refuseUpgrade, securityHeaders, sendError, type Target } from './http.js';
import { lookupStatic, sendFile } from './static.js';
import { checkSessionId, UploadError, type UploadStore } from './uploads.js';

const SOCKET_PATH: WireNames['socketPath'] = '/ws';
const UPLOAD_PATH: WireNames['uploadPath'] = '/upload';
export const TOKEN_PARAM: WireNames['tokenParam'] = 'token';
const SESSION_PARAM: WireNames['sessionParam'] = 'session';
const TOKEN_HEADER: WireNames['tokenHeader'] = 'x-cbench-token';
const SESSION_HEADER: WireNames['sessionHeader'] = 'x-cbench-session';
const NAME_PARAM: WireNames['nameParam'] = 'name';
/** Lets the page tell a refused token from a server that is down (a failed WebSocket says neither). */
const SESSION_CHECK_PATH = '/api/session';

/** What the handlers read from the running server; port and bridge change after listening and at close. */
export interface RouteContext {
  token: string;
  /** The renderer folder, symlinks resolved. */
  rendererReal: string;
  uploads: UploadStore;
  port(): number;
  bridge(): Bridge | null;
}

/** The request and upgrade handlers of one server. */
export function createRoutes(context: RouteContext): {
  onRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
} {
  const { token, rendererReal, uploads } = context;

  /** Token sent explicitly: query parameter or header. */
  function explicitToken(req: IncomingMessage, url: Target): string | null {
    const header = req.headers[TOKEN_HEADER];
    if (typeof header === 'string') return header;
    return url.searchParams.get(TOKEN_PARAM);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const port = context.port();
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
    const port = context.port();
    const bridge = context.bridge();
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

  return { onRequest, onUpgrade };
}
