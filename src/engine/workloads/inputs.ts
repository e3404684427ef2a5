// Turns the paths a user names (files and folders) into the list of image files the images workload reads.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Extensions taken from folders: what sharp's bundled libvips reads (JPEG, PNG, WebP, GIF, TIFF, SVG, AVIF and
 * HEIF; HEIC usually holds HEVC, which sharp cannot decode, so it is taken and reported per file).
 */
export const IMAGE_EXTENSIONS: readonly string[] = [
  '.jpg',
  '.jpeg',
  '.jpe',
  '.jfif',
  '.png',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.svg',
  '.avif',
  '.heif',
  '.heic',
];

/** A named input that cannot be used at all; the message names the path and the reason. */
export class ImageInputError extends Error {
  constructor(
    readonly inputPath: string,
    readonly reason: string,
  ) {
    super(inputPath ? `${inputPath}: ${reason}` : reason);
    this.name = 'ImageInputError';
  }
}

/** Whether a file name has one of IMAGE_EXTENSIONS (case-insensitive). */
export function hasImageExtension(file: string): boolean {
  return IMAGE_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/**
 * Absolute paths of the image files named by `paths`, in the order given: a file is kept whatever its extension
 * (so a bad file the user named is reported per file by the workload), a folder contributes its image files
 * (by extension, not recursive, sorted by name). A path named twice is kept once, at its first place.
 * Throws ImageInputError for a missing or unreadable path, a folder with no images, or an empty result.
 * `checkFile`, when given, sees every file a folder contributes before it is looked at, and may throw to
 * refuse it (the path policy: a symlink in an allowed folder must not lead out of it).
 */
export async function expandImageInputs(
  paths: string[],
  checkFile?: (file: string) => Promise<void>,
): Promise<string[]> {
  if (paths.length === 0) throw new ImageInputError('', 'no image files or folders given');
  const files: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    const info = await stat(absolute).catch((error: unknown) => {
      throw new ImageInputError(absolute, fsReason(error));
    });
    if (info.isFile()) {
      files.push(absolute);
    } else if (info.isDirectory()) {
      files.push(...(await imagesInFolder(absolute, checkFile)));
    } else {
      throw new ImageInputError(absolute, 'not a regular file or folder');
    }
  }
  return [...new Set(files)];
}

async function imagesInFolder(
  folder: string,
  checkFile?: (file: string) => Promise<void>,
): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw new ImageInputError(folder, fsReason(error));
  });
  const images: string[] = [];
  for (const entry of entries) {
    if (!hasImageExtension(entry.name)) continue;
    const file = path.join(folder, entry.name);
    if (entry.isSymbolicLink() || entry.isFile()) await checkFile?.(file);
    // Symlinks count when they lead to a file; dangling ones and subfolders named like images do not.
    const isFile =
      entry.isFile() || (entry.isSymbolicLink() && (await stat(file).catch(() => null))?.isFile());
    if (isFile) images.push(file);
  }
  if (images.length === 0) {
    throw new ImageInputError(
      folder,
      `folder holds no image files (looked for ${IMAGE_EXTENSIONS.join(' ')})`,
    );
  }
  return images.sort();
}

function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a parent of this path is not a folder';
  return error instanceof Error ? error.message : String(error);
}
