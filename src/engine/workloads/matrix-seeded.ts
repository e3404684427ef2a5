// A child process's matrix inputs, generated where they are used instead of copied across: the same numbers
// prepareCase draws for A and B (matrix.ts makeMatrices, A first, then B), taken straight from their place in
// the seeded stream. mulberry32's state after i draws is seed + i * 0x6d2b79f5, so any row can be drawn
// without drawing the rows before it. This is a second code path to the same values, not the reference: a
// mistake here gives a product that fails verification against the digest of makeMatrices' inputs.
import type { MatrixTask } from '../../shared/protocol.js';

/** mulberry32's state increment per draw (random.ts). */
const STEP = 0x6d2b79f5;

/** Fills `out` with draws index, index + 1, ... of the stream seeded with `seed`. */
function drawFrom(seed: number, index: number, out: Float64Array): void {
  // (seed + index * STEP) mod 2^32, the state just before draw `index` (Math.imul keeps the low 32 bits).
  let state = ((seed >>> 0) + Math.imul(index >>> 0, STEP)) >>> 0;
  for (let i = 0; i < out.length; i++) {
    state = (state + STEP) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** Rows [rowStart, rowEnd) of A for (n, seed): draws rowStart * n onwards. */
export function seededRowsOfA(n: number, seed: number, rowStart: number, rowEnd: number): Float64Array {
  const rows = new Float64Array((rowEnd - rowStart) * n);
  drawFrom(seed, rowStart * n, rows);
  return rows;
}

// B of the last (n, seed) this process generated: a long-lived child (pool, warm session) makes it once and
// reuses it across tasks and repetitions while the case is unchanged.
let lastB: { n: number; seed: number; b: Float64Array } | undefined;

/** All of B for (n, seed) (draws n^2 onwards), and whether it was reused from an earlier task. */
export function seededB(n: number, seed: number): { b: Float64Array; reused: boolean } {
  if (lastB && lastB.n === n && lastB.seed === seed) return { b: lastB.b, reused: true };
  lastB = undefined;
  const b = new Float64Array(n * n);
  drawFrom(seed, n * n, b);
  lastB = { n, seed, b };
  return { b, reused: false };
}

/** The task with its rows of A and all of B generated here from task.seeded (tasks without it are returned as they are). */
export function generateSeededInput(task: MatrixTask): MatrixTask {
  if (task.seeded === undefined) return task;
  const { n, rowStart, rowEnd, seeded } = task;
  if (!Number.isInteger(seeded) || rowStart < 0 || rowEnd > n || rowStart > rowEnd) {
    throw new Error(`matrix task for rows [${rowStart}, ${rowEnd}) of n=${n} has a bad seed or range`);
  }
  const { seeded: _seeded, ...rest } = task;
  return { ...rest, aRows: seededRowsOfA(n, seeded, rowStart, rowEnd), b: seededB(n, seeded).b };
}
