// images:inspect for one file: size, dimensions, format and a thumbnail, or the reason it cannot be used
// (per file, so one bad file does not hide the others).
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { ImageInfo } from '../shared/ipc.js';

/** Largest file images:inspect will decode. */
export const MAX_INSPECT_BYTES = 256 * 1024 * 1024;
const THUMBNAIL_PX = 160;

/** `file` as the caller named it (shown), `checked` as the path policy resolved it (opened). */
export async function inspectImage(file: string, checked: string): Promise<ImageInfo> {
  const resolved = path.resolve(file);
  const info: ImageInfo = { path: resolved, name: path.basename(resolved), ok: false };
  try {
    const real = await realpath(checked);
    const stats = await stat(real);
    if (!stats.isFile()) return { ...info, error: 'not a regular file' };
    info.bytes = stats.size;
    if (stats.size > MAX_INSPECT_BYTES) {
      return { ...info, error: `too large to inspect (${stats.size} bytes, limit ${MAX_INSPECT_BYTES})` };
    }
    const image = sharp(real, { failOn: 'error' });
    const meta = await image.metadata();
    const thumbnail = await image
      .clone()
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer();
    return {
      ...info,
      ok: true,
      width: meta.width,
      height: meta.height,
      format: meta.format,
      thumbnail: `data:image/png;base64,${thumbnail.toString('base64')}`,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ...info, error: 'no such file' };
    if (code === 'EACCES') return { ...info, error: 'permission denied' };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...info,
      error: /unsupported image format/i.test(message) ? 'unsupported image format' : message,
    };
  }
}
