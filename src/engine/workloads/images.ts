// Image resizing with sharp: the article's "I/O-bound" test. sharp decodes and resizes on libuv's thread pool,
// so even the single-threaded models overlap work here.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { ImageFileOutcome } from '../../shared/results.js';

export { imagesDigest } from './images-digest.js';

// Repetitions must decode every file again, not hit libvips' operation cache.
sharp.cache(false);

/**
 * Resizes one file to width x height (fill, as the article's Pillow resize) and writes it as PNG into outDir.
 * Never throws: an unreadable or non-image file comes back as an outcome with ok: false and the reason.
 */
export async function resizeFile(
  input: string,
  outDir: string,
  width: number,
  height: number,
  index: number,
): Promise<ImageFileOutcome> {
  // Known once the header parsed, so a later failure can be named by format whatever libvips' text says.
  let format: string | undefined;
  try {
    const info = await stat(input);
    const image = sharp(input, { failOn: 'error' });
    const meta = await image.metadata();
    format = meta.format;
    const { data, info: raw } = await image
      .rotate()
      .resize(width, height, { fit: 'fill' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixelHash = createHash('sha256').update(data).digest('hex').slice(0, 32);
    const output = path.join(outDir, `${String(index).padStart(3, '0')}-${path.parse(input).name}.png`);
    await sharp(data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } })
      .png()
      .toFile(output);
    return {
      input,
      ok: true,
      output,
      inputWidth: meta.width,
      inputHeight: meta.height,
      inputBytes: info.size,
      format: meta.format,
      pixelHash,
    };
  } catch (error) {
    return { input, ok: false, error: describeImageError(error, input, format) };
  }
}

/**
 * A short, user-facing reason for a file sharp could not process. `format` is the format its header declared
 * when that much could be read: the file is then named as a corrupt or truncated image of that format.
 */
export function describeImageError(error: unknown, input?: string, format?: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/ENOENT/.test(message)) return 'file not found';
  if (/EACCES|EPERM/.test(message)) return 'permission denied';
  if (/EISDIR/.test(message)) return 'is a directory';
  // sharp's own check, not libvips' text: reliable even when other files are being decoded at the same time.
  if (/unsupported image format/i.test(message)) return 'not an image sharp can read (unsupported format)';
  const detail = trustworthyDetail(message, input, format);
  if (format) return `corrupt or truncated ${format} image${detail ? ` (${detail})` : ''}`;
  return detail ? `unreadable image (${detail})` : 'unreadable image';
}

/** Which words a libvips loader's message uses for each format sharp reports. */
const LOADER_WORDS: Record<string, RegExp> = {
  jpeg: /jpe?g/i,
  png: /png/i,
  webp: /webp/i,
  gif: /gif/i,
  tiff: /tiff?/i,
  heif: /heif|avif/i,
  svg: /svg/i,
};

/**
 * libvips keeps one error buffer per process, so when several files are decoded at once a failure can carry
 * another file's message, or none ("Unknown error"; sharp issue #902). The text is kept only when it cannot be
 * another file's: it names no other path, and it comes from this format's loader when the format is known.
 */
function trustworthyDetail(
  message: string,
  input: string | undefined,
  format: string | undefined,
): string | undefined {
  const first = message.split('\n')[0].trim();
  if (!first || /unknown error/i.test(first)) return undefined;
  if (first.includes('/') && !(input && first.includes(input))) return undefined;
  const loader = format ? LOADER_WORDS[format] : undefined;
  if (loader && !loader.test(first)) return undefined;
  return first;
}
