// One clock for both sides of a message, so transfer times can be taken across threads and processes.
import { performance } from 'node:perf_hooks';

/** Epoch time in ms with sub-ms precision, comparable across threads and processes of one machine. */
export function epochNowMs(): number {
  return performance.timeOrigin + performance.now();
}
