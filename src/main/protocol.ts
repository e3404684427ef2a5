// The built renderer is served from app://bench/ rather than file:// (Electron security checklist #18):
// file:// pages can read any file the renderer names, a custom scheme serves only out/renderer, every
// response carries the CSP header, and the page has a real origin for the sender check.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { contentTypeOf } from '../shared/content-types.js';
import { contentSecurityPolicy } from './security.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bench';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before the app is ready: the scheme behaves like https (secure context, fetch, ES modules). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

function textResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(),
    },
  });
}

/** Answers one app:// request from the files under `rendererDir`; anything outside it is a 404. */
export async function serveRendererFile(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return textResponse(404, `unknown host ${url.host}`);
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return textResponse(400, 'malformed path');
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  // WHATWG URL parsing already folds "/../", but encoded separators (%2F, %5C) survive it: check the result.
  if (file !== root && !file.startsWith(root + path.sep)) return textResponse(404, 'not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return textResponse(404, 'not found');
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': contentTypeOf(file),
      'content-security-policy': contentSecurityPolicy(),
      'x-content-type-options': 'nosniff',
    },
  });
}

/** Serves the built renderer on app://bench/ (after the app is ready). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererDir, request.url));
}
