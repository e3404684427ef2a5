// Seeded randomness for the measurement protocol: the model order of every repetition and the bootstrap
// resamples must be replayable from the seed recorded with the run, so Math.random is never used here.
import { seededRng } from '../random.js';

export { seededRng };

/** A shuffled copy of `items` (Fisher-Yates) drawing from `rng`; the input is left untouched. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}
