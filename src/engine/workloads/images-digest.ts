// The images workload's digest, apart from sharp: the orchestrator hashes outcomes without loading the
// image library, which it needs only when it prepares an images case.
import { createHash } from 'node:crypto';
import type { Digest, ImageFileOutcome } from '../../shared/results.js';

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
