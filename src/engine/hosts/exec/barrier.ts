// A barrier across threads over shared memory: tasks that must all be running at once (a pool's start-up, a
// warm-memo fill) meet here.
import { performance } from 'node:perf_hooks';

/** Blocks this thread until `parties` threads have arrived (index 0 counts arrivals). */
export function waitAtBarrier(sab: SharedArrayBuffer, parties: number): void {
  const cell = new Int32Array(sab);
  const arrived = Atomics.add(cell, 0, 1) + 1;
  if (arrived >= parties) {
    Atomics.notify(cell, 0);
    return;
  }
  const deadlineMs = performance.now() + 30_000;
  for (;;) {
    const seen = Atomics.load(cell, 0);
    if (seen >= parties) return;
    const leftMs = deadlineMs - performance.now();
    if (leftMs <= 0) throw new Error(`barrier timed out: ${seen} of ${parties} threads arrived`);
    Atomics.wait(cell, 0, seen, leftMs);
  }
}
