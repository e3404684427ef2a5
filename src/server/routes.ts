// What `cbench serve` answers: uploads, the session check, the renderer's pages and assets, and the
// WebSocket upgrade, each behind the token, Host and Origin checks that apply to it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WIRE_NAMES } from '../shared/wire.js';
import { checkHost, checkOrigin, cookieName, readCookie, sessionCookie, tokenMatches } from './auth.js';
import type { Bridge } from './bridge.js';
import { parseTarget, refuseUpgrade, securityHeaders, sendError, type Target } from './http.js';
import { lookupStatic, sendFile } from './static.js';
import { checkSessionId, UploadError, type UploadStore } from './uploads.js';

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
    const header = req.headers[WIRE_NAMES.tokenHeader];
    if (typeof header === 'string') return header;
    return url.searchParams.get(WIRE_NAMES.tokenParam);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const port = context.port();
    securityHeaders(res, port);
    const hostProblem = checkHost(req, port);
    if (hostProblem) return sendError(res, 403, 'forbidden', hostProblem);
    const url = parseTarget(req.url);
    const given = explicitToken(req, url);

    if (url.pathname === WIRE_NAMES.uploadPath) {
      if (req.method !== 'POST')
        return sendError(res, 405, 'bad-request', `${WIRE_NAMES.uploadPath} accepts POST only`);
      if (!tokenMatches(token, given)) {
        return sendError(
          res,
          403,
          'forbidden',
          `missing or wrong token (send it in the ${WIRE_NAMES.tokenHeader} header)`,
        );
      }
      const originProblem = checkOrigin(req, port, true);
      if (originProblem) return sendError(res, 403, 'forbidden', originProblem);
      const sessionId = req.headers[WIRE_NAMES.sessionHeader];
      const sessionProblem = checkSessionId(typeof sessionId === 'string' ? sessionId : null);
      if (sessionProblem)
        return sendError(res, 400, 'bad-request', `${WIRE_NAMES.sessionHeader}: ${sessionProblem}`);
      const name = url.searchParams.get(WIRE_NAMES.nameParam);
      if (!name)
        return sendError(
          res,
          400,
          'bad-request',
          `missing "${WIRE_NAMES.nameParam}" query parameter (the file name)`,
        );
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

    if (url.pathname === WIRE_NAMES.sessionCheckPath) {
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
    if (url.pathname !== WIRE_NAMES.socketPath)
      return refuseUpgrade(socket, 404, `no WebSocket at ${url.pathname}`);
    if (!tokenMatches(token, url.searchParams.get(WIRE_NAMES.tokenParam))) {
      return refuseUpgrade(socket, 403, 'missing or wrong token');
    }
    const originProblem = checkOrigin(req, port, false);
    if (originProblem) return refuseUpgrade(socket, 403, originProblem);
    const sessionId = url.searchParams.get(WIRE_NAMES.sessionParam);
    const sessionProblem = checkSessionId(sessionId);
    if (sessionProblem) return refuseUpgrade(socket, 400, `${WIRE_NAMES.sessionParam}: ${sessionProblem}`);
    if (!bridge) return refuseUpgrade(socket, 404, 'server is closing');
    bridge.accept(req, socket, head, sessionId!);
  }

  return { onRequest, onUpgrade };
}
