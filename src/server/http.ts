// HTTP plumbing of `cbench serve`: the loopback address, security headers, error bodies, refusing an
// upgrade, reading a request target as sent, and listening.
import type { Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { IpcError } from '../shared/ipc.js';
import type { HttpErrorBody } from '../shared/wire.js';

export const LOOPBACK = '127.0.0.1';

export function contentSecurityPolicy(port: number): string {
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

export function securityHeaders(res: ServerResponse, port: number): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // The page URL carries the token: never let it leave in a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: IpcError['code'],
  message: string,
): void {
  const body: HttpErrorBody = { error: { code, message } };
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

export function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404, message: string): void {
  const reason = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}

export function checkPort(port: number | undefined): number {
  if (port === undefined) return 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`port must be an integer from 0 to 65535 (0: a free port), got ${port}`);
  }
  return port;
}

export interface Target {
  pathname: string;
  searchParams: URLSearchParams;
}

/**
 * Splits the request target by hand: `new URL()` would read "//name/..." as a host and silently fold ".."
 * segments, and the static lookup wants the path exactly as sent (it resolves and checks it itself).
 */
export function parseTarget(raw: string | undefined): Target {
  const target = raw ?? '/';
  const q = target.indexOf('?');
  return {
    pathname: q < 0 ? target : target.slice(0, q),
    searchParams: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)),
  };
}

export async function listen(server: Server, port: number): Promise<number> {
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
