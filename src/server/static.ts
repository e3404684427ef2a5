// Serves the built renderer (out/renderer) read-only, never anything outside it.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentTypeOf } from '../shared/content-types.js';

export type StaticLookup =
  { ok: true; file: string; bytes: number } | { ok: false; status: 400 | 404; message: string };

/**
 * Maps a URL path to a file inside `rootReal` (the renderer folder, already realpath'd). The decoded path is
 * resolved and then realpath'd, so neither `..` segments, encoded slashes nor symlinks lead outside the root.
 */
export async function lookupStatic(rootReal: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400, message: `malformed path encoding: ${urlPath}` };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, message: 'path contains a NUL byte' };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = path.resolve(rootReal, relative);
  if (!isInside(rootReal, candidate)) return { ok: false, status: 404, message: `not found: ${urlPath}` };
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { ok: false, status: 404, message: `not found: ${urlPath}` };
  }
  if (!isInside(rootReal, real)) return { ok: false, status: 404, message: `not found: ${urlPath}` };
  const info = await stat(real);
  if (!info.isFile()) return { ok: false, status: 404, message: `not found: ${urlPath}` };
  return { ok: true, file: real, bytes: info.size };
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Streams a looked-up file; the caller has already set the security headers. */
export function sendFile(res: ServerResponse, file: string, bytes: number, headOnly: boolean): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeOf(file));
  res.setHeader('Content-Length', bytes);
  // The build's asset names carry content hashes, but index.html does not: always revalidate.
  res.setHeader('Cache-Control', 'no-cache');
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
