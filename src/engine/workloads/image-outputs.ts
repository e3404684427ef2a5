// Where images cases write: the default root, one folder per case and per model repetition, and the pruning
// of day-old outputs as a run starts.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ModelId } from '../../shared/results.js';
import type { CaseInput, ImagesInput } from './case-input.js';

/** Where images cases write when the case names no outDir: one `run-*` folder per case. */
export function defaultImagesRoot(): string {
  return path.join(os.tmpdir(), 'cbench-images');
}

/** How long image outputs under the default root are kept (a run older than this is pruned at the next start). */
export const IMAGE_OUTPUT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

// Folders this engine makes under an images root: `run-*` now; `reference-*` and `<model>-*` before runs had
// their own folder. Nothing else there is touched.
const OUR_FOLDER =
  /^(run|reference|sequential|async|worker-threads|worker-pool|processes|process-pool|shared-memory)-/;

/**
 * Removes the engine's folders under `root` last modified more than `maxAgeMs` ago; returns how many. A root
 * that does not exist is fine. Folders of runs still going are recent (every repetition writes into them).
 */
export async function pruneImageOutputs(
  root: string = defaultImagesRoot(),
  maxAgeMs: number = IMAGE_OUTPUT_MAX_AGE_MS,
  nowMs: number = Date.now(),
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!OUR_FOLDER.test(name)) continue;
    const folder = path.join(root, name);
    try {
      const info = await stat(folder);
      if (!info.isDirectory() || nowMs - info.mtimeMs <= maxAgeMs) continue;
      await rm(folder, { recursive: true, force: true });
      removed++;
    } catch {
      // Gone already (another run pruning at the same time) or not ours to remove: leave it.
    }
  }
  return removed;
}

/** A fresh output folder for one model repetition of an images case. */
export async function makeRunOutDir(input: ImagesInput, model: ModelId): Promise<string> {
  return mkdtemp(path.join(input.outBase, `${model}-`));
}

/** The output folder a repetition writes to: the one the runner made for it, else a fresh one. */
export async function repetitionOutDir(
  input: CaseInput,
  model: ModelId,
  given: string | undefined,
): Promise<string | undefined> {
  if (input.workload !== 'images') return undefined;
  return given ?? makeRunOutDir(input, model);
}
