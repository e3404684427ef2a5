// Image resizing with sharp: the article's "I/O-bound" test. sharp decodes and resizes on libuv's thread pool,
// so even the single-threaded models overlap work here.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Digest, ImageFileOutcome } from '../../shared/results.js';

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
  try {
    const info = await stat(input);
    const image = sharp(input, { failOn: 'error' });
    const meta = await image.metadata();
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
    return { input, ok: false, error: describeImageError(error) };
  }
}

/** A short, user-facing reason for a file sharp could not process. */
export function describeImageError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/ENOENT/.test(message)) return 'file not found';
  if (/EACCES|EPERM/.test(message)) return 'permission denied';
  if (/EISDIR/.test(message)) return 'is a directory';
  if (/unsupported image format/i.test(message)) return 'not an image sharp can read (unsupported format)';
  return message.split('\n')[0];
}

/** Digest over every file's outcome in input order: pixel hashes of the good ones, reasons of the bad ones. */
export function imagesDigest(outcomes: ImageFileOutcome[]): Digest {
  const values: Record<string, string | number> = {
    files: outcomes.length,
    ok: outcomes.filter((o) => o.ok).length,
  };
  const hash = createHash('sha256');
  for (const o of outcomes) hash.update(o.ok ? `ok:${o.pixelHash}\n` : `error\n`);
  values.hash = hash.digest('hex').slice(0, 32);
  return { values };
}
