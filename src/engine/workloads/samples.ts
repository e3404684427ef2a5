// The bundled sample images (resources/samples, made by scripts/make-samples.mjs) the article's images case uses.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { hasImageExtension } from './inputs.js';

/** Sorted absolute paths of the sample images in `sampleDir`; throws naming the folder if it is missing or empty. */
export async function sampleImages(sampleDir: string): Promise<string[]> {
  const folder = path.resolve(sampleDir);
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : String(error);
    throw new Error(`sample image folder ${folder} ${reason} (run "npm run samples" to create the samples)`);
  });
  const files = entries
    .filter((entry) => entry.isFile() && hasImageExtension(entry.name))
    .map((entry) => path.join(folder, entry.name))
    .sort();
  if (files.length === 0) {
    throw new Error(`sample image folder ${folder} holds no images (run "npm run samples" to create them)`);
  }
  return files;
}
