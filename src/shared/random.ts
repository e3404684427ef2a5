// The one seeded generator: shuffles, bootstrap resamples and the matrix inputs all draw from it, so a seed
// recorded with a run replays it on any machine. Pure, so the renderer's scaling analytics can use it too.

/** A seeded uniform generator on [0, 1) (mulberry32: 32-bit state, fast, good enough for shuffles and resampling). */
export function seededRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
