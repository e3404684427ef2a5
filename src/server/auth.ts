// Who may talk to `cbench serve`: holders of the random token, through this server's own host name and origin.
// The token arrives explicitly (page URL query, socket URL query, upload header); for the page's own assets,
// which the browser fetches without it, an HttpOnly SameSite=Strict cookie set on the first valid page load
// stands in. Requests that change anything (uploads, socket calls) never accept the cookie alone: a page on
// another localhost port is "same-site" for cookies, so only the explicit token proves the caller read the URL.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh 24-byte token, URL-safe. */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison, so response timing does not leak how much of a guess was right. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Host names the page may be reached by (DNS-rebinding guard: anything else is some other site's name). */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

/** Cookie name per port, so two servers on one machine do not overwrite each other's cookie. */
export function cookieName(port: number): string {
  return `cbench-${port}`;
}

export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** Why a request is refused, or null when its Host header names this server. */
export function checkHost(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host;
  if (!host) return 'missing Host header';
  return allowedHosts(port).includes(host.toLowerCase()) ? null : `Host "${host}" is not this server`;
}

/** Why a request is refused, or null when its Origin is this server's own (or, if `optional`, absent). */
export function checkOrigin(req: IncomingMessage, port: number, optional: boolean): string | null {
  const origin = req.headers.origin;
  if (origin === undefined) return optional ? null : 'missing Origin header';
  return allowedOrigins(port).includes(origin.toLowerCase()) ? null : `Origin "${origin}" is not this server`;
}
