// Making a case ready before any timing: checked parameters, inputs, and the reference digest computed by an
// independent method; and releasing what a prepared case holds once every model is done with it.
import { mkdir, mkdtemp, readdir, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CaseSpec, ImageFileOutcome } from '../../shared/results.js';
import { MATRIX_KERNELS, MEMO_MODES } from '../../shared/results.js';
import type { EngineHost } from '../host.js';
import { HelperThread } from '../hosts/helper.js';
import type { PreparedCase } from '../models/types.js';
import { caseInput, type ImagesInput, type MatrixInput, type PrimesInput } from './case-input.js';
import { defaultImagesRoot } from './image-outputs.js';
import { imagesDigest } from './images-digest.js';

/** Largest primes limit: primes travel as Int32Array. */
const MAX_PRIMES_LIMIT = 2_000_000_000;
/** Largest matrix side: A, B and C must each fit a typed array (and a SharedArrayBuffer). */
const MAX_MATRIX_SIZE = 16_000;

function abortIfNeeded(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('preparation cancelled');
    error.name = 'AbortError';
    throw error;
  }
}

function requireInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

/** Makes a case ready before timing: inputs, the reference digest by an independent method, the item count. */
export async function prepareCase(
  spec: CaseSpec,
  host: EngineHost,
  signal?: AbortSignal,
): Promise<PreparedCase> {
  abortIfNeeded(signal);
  const params = spec.params;
  switch (params.workload) {
    case 'primes': {
      const limit = requireInteger(params.limit, `case ${spec.id}: primes limit`, 2, MAX_PRIMES_LIMIT);
      if (!MEMO_MODES.includes(params.memo)) {
        throw new Error(
          `case ${spec.id}: memo must be one of ${MEMO_MODES.join(', ')} (got ${String(params.memo)})`,
        );
      }
      const input: PrimesInput = { workload: 'primes', limit, memo: params.memo };
      // The sieve shares no code with trial division, so a bug in either shows up as a mismatch. It runs on
      // a helper thread: at large limits it takes seconds, which the orchestrator's event loop must not.
      const helper = new HelperThread(host.workerEntry);
      try {
        const output = await helper.run({ kind: 'reference-primes', limit });
        if (output.kind !== 'digest') throw new Error(`reference-primes returned ${output.kind}`);
        return { spec, itemCount: limit - 1, input, expected: output.digest };
      } finally {
        await helper.close();
      }
    }
    case 'matrix': {
      const n = requireInteger(params.size, `case ${spec.id}: matrix size`, 1, MAX_MATRIX_SIZE);
      const seed = requireInteger(params.seed, `case ${spec.id}: matrix seed`, 0, 2 ** 32 - 1);
      if (!MATRIX_KERNELS.includes(params.kernel)) {
        throw new Error(
          `case ${spec.id}: kernel must be one of ${MATRIX_KERNELS.join(', ')} (got ${String(params.kernel)})`,
        );
      }
      // Generating 2 x n^2 numbers and the O(n^2) reference digest take most of a second at n = 3000: done on
      // a helper thread, into shared memory, so that no copy back is needed either. That thread ends once
      // done, and its scratch copies with it; digests get a thread of their own.
      const maker = new HelperThread(host.workerEntry);
      try {
        const output = await maker.run({ kind: 'prepare-matrix', n, seed });
        if (output.kind !== 'prepared-matrix') throw new Error(`prepare-matrix returned ${output.kind}`);
        const input: MatrixInput = {
          workload: 'matrix',
          n,
          seed,
          kernel: params.kernel,
          a: new Float64Array(output.a),
          b: new Float64Array(output.b),
          helper: new HelperThread(host.workerEntry),
        };
        return { spec, itemCount: n, input, expected: output.expected };
      } finally {
        await maker.close();
      }
    }
    case 'images': {
      const width = requireInteger(params.width, `case ${spec.id}: image width`, 1, 16_384);
      const height = requireInteger(params.height, `case ${spec.id}: image height`, 1, 16_384);
      const files = params.inputs.length > 0 ? params.inputs : await listSamples(host.sampleDir);
      for (const file of files) {
        if (typeof file !== 'string' || !path.isAbsolute(file)) {
          throw new Error(`case ${spec.id}: image inputs must be absolute paths (got ${String(file)})`);
        }
      }
      const root = params.outDir ?? defaultImagesRoot();
      await mkdir(root, { recursive: true });
      const outBase = await mkdtemp(path.join(root, 'run-'));
      const referenceDir = await mkdtemp(path.join(outBase, 'reference-'));
      const reference: ImageFileOutcome[] = [];
      try {
        // sharp (a few hundred ms to load) is loaded by the first images case, not by every command.
        const { resizeFile } = await import('./images.js');
        for (let i = 0; i < files.length; i++) {
          abortIfNeeded(signal);
          reference.push(await resizeFile(files[i], referenceDir, width, height, i));
        }
      } catch (error) {
        await rm(outBase, { recursive: true, force: true });
        throw error;
      }
      const input: ImagesInput = {
        workload: 'images',
        files,
        width,
        height,
        outBase,
        referenceDir,
        reference,
      };
      return { spec, itemCount: files.length, input, expected: imagesDigest(reference) };
    }
    default:
      throw new Error(
        `case ${spec.id}: unknown workload ${String((params as { workload?: unknown }).workload)}`,
      );
  }
}

/**
 * Releases what a prepared case holds once every model is done with it: the helper thread, and the images
 * reference outputs (the models' kept outputs stay; the case folder goes too if nothing is left in it).
 */
export async function releaseCase(prepared: PreparedCase): Promise<void> {
  const input = caseInput(prepared);
  if (input.workload === 'matrix') await input.helper.close();
  if (input.workload === 'images') {
    await rm(input.referenceDir, { recursive: true, force: true });
    await rmdir(input.outBase).catch(() => {});
  }
}

const IMAGE_EXTENSIONS = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.avif',
  '.heic',
  '.svg',
]);

async function listSamples(sampleDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(sampleDir);
  } catch {
    throw new Error(
      `images case has no inputs and the sample folder is missing: ${sampleDir} (run "npm run samples")`,
    );
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(sampleDir, name);
    if (IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase()) && (await stat(file)).isFile())
      files.push(file);
  }
  if (files.length === 0) throw new Error(`images case has no inputs and ${sampleDir} holds no images`);
  return files;
}
