// The bundle inside an HTML report: a JSON data block the browser never runs, holding the bundle gzipped and
// base64-encoded (a report of 50 runs stays small; base64 cannot end the block), found again by
// `cbench import` and the History view's import.
import { gunzipSync, gzipSync } from 'node:zlib';

const OPEN = '<script type="application/json" id="cbench-bundle">';
const CLOSE = '</script>';
/** Largest bundle a report may unpack to (as large as a JSON bundle may be): no gzip bomb gets further. */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** The wrapper's format tag: what the data block holds and how it is encoded. */
export const EMBED_FORMAT = 'concurrency-bench/bundle+gzip+base64';

/** The bundle as a data block: {"format": EMBED_FORMAT, "data": base64(gzip(bundle JSON))}. */
export function embedBundle(bundle: unknown): string {
  const data = gzipSync(JSON.stringify(bundle)).toString('base64');
  return `${OPEN}${JSON.stringify({ format: EMBED_FORMAT, data })}${CLOSE}`;
}

/** Whether a file's text looks like an HTML document rather than a JSON bundle. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html)/i.test(text.slice(0, 512));
}

/**
 * The bundle text of an import: the file itself for a JSON bundle, the embedded bundle for an HTML report;
 * an Error saying what is wrong for an HTML file that carries none or a damaged one.
 */
export function bundleTextOf(text: string): string | Error {
  if (!looksLikeHtml(text)) return text;
  const start = text.indexOf(OPEN);
  const end = start < 0 ? -1 : text.indexOf(CLOSE, start + OPEN.length);
  if (end < 0) return new Error('it is an HTML file without an embedded Concurrency Bench bundle');
  try {
    const block = JSON.parse(text.slice(start + OPEN.length, end)) as { format?: unknown; data?: unknown };
    if (block.format !== EMBED_FORMAT || typeof block.data !== 'string') {
      return new Error(`its embedded bundle is not in the "${EMBED_FORMAT}" format`);
    }
    return gunzipSync(Buffer.from(block.data, 'base64'), { maxOutputLength: MAX_UNPACKED_BYTES }).toString(
      'utf8',
    );
  } catch (error) {
    return new Error(`its embedded bundle is damaged (${(error as Error).message})`);
  }
}
