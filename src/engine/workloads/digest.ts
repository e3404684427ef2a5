// The digest of a repetition's merged output, which the runner compares with the case's reference.
import type { Digest, ImageFileOutcome } from '../../shared/results.js';
import type { CaseInput, MergedOutput } from './case-input.js';
import { imagesDigest } from './images-digest.js';
import { matrixDigest } from './matrix.js';
import { primesDigest } from './primes.js';

/**
 * Digest of a merged output (the images digest covers pixel hashes and which files failed). A matrix product
 * is digested on the case's helper thread -- tens of ms of arithmetic the orchestrator's event loop is
 * spared -- read there in place when shared, else moved there and back (merged.c is then a new view).
 */
export async function digestOf(
  input: CaseInput,
  merged: MergedOutput,
): Promise<{ digest: Digest; files?: ImageFileOutcome[] }> {
  switch (merged.kind) {
    case 'primes':
      return { digest: primesDigest(merged.primes) };
    case 'matrix': {
      const n = input.workload === 'matrix' ? input.n : Math.round(Math.sqrt(merged.c.length));
      const buffer = merged.c.buffer;
      const whole = buffer.byteLength === n * n * Float64Array.BYTES_PER_ELEMENT && merged.c.byteOffset === 0;
      if (input.workload !== 'matrix' || !whole) return { digest: matrixDigest(merged.c, n) };
      const moved = buffer instanceof SharedArrayBuffer ? [] : [buffer];
      const output = await input.helper.run({ kind: 'digest-matrix', n, c: buffer }, moved);
      if (output.kind !== 'digest') throw new Error(`digest-matrix returned ${output.kind}`);
      if (output.returned) merged.c = new Float64Array(output.returned);
      return { digest: output.digest };
    }
    case 'images':
      return { digest: imagesDigest(merged.files), files: merged.files };
  }
}
