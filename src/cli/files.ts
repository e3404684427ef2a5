// Writing output files so a reader never sees half a document.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors.js';

/** Writes `text` to a temp file next to `file`, then renames it over `file` (atomic on one filesystem). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, file);
  } catch (caught) {
    await rm(temp, { force: true });
    throw caught;
  }
}

/** writeFileAtomic for an --out file: a failure is the user's path to fix, so it exits 2 naming the file. */
export async function writeOutFile(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text);
  } catch (caught) {
    throw new UsageError(`--out: cannot write ${file}: ${(caught as Error).message}`);
  }
}
