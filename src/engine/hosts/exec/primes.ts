// Executing a primes task: trial division over a range, with the thread's memo cache, in blocks (or in async
// functions that yield between blocks) so progress can be reported.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { PrimesTask, TaskOutput } from '../../../shared/protocol.js';
import { concatPrimeLists, primesInRange } from '../../workloads/primes.js';
import { Progress, type ExecHooks } from './progress.js';
import { splitInclusive } from './split.js';

// One memo cache per thread/process, kept between tasks so that `warm` passes find it filled.
let threadMemo: { cache: Uint8Array; pass: string } | undefined;

function memoFor(task: PrimesTask): Uint8Array | undefined {
  if (task.memo === 'off') return undefined;
  const cells = task.limit + 1;
  const stale =
    !threadMemo || threadMemo.cache.length < cells || (task.memo === 'cold' && threadMemo.pass !== task.pass);
  if (stale) threadMemo = { cache: new Uint8Array(cells), pass: task.pass };
  return threadMemo!.cache;
}

/** Numbers handled between progress checks (sync) or between yields to the event loop (async). */
const PRIMES_BLOCK = 2000;

/** Runs a primes task over [lo, hi]; a fill task only fills the memo cache and sends no list back. */
export async function runPrimes(task: PrimesTask, hooks: ExecHooks): Promise<TaskOutput> {
  if (task.hi > task.limit)
    throw new Error(`primes task range ends at ${task.hi}, beyond the limit ${task.limit}`);
  const memo = memoFor(task);
  const lo = Math.max(task.lo, 2);
  const progress = new Progress(Math.max(0, task.hi - lo + 1), hooks);
  let primes: Int32Array;
  if (task.asyncChunks && task.asyncChunks > 1) {
    const chunks = splitInclusive(lo, task.hi, task.asyncChunks);
    const results = await Promise.all(
      chunks.map(async ([start, end]) => {
        const parts: Int32Array[] = [];
        for (const [bStart, bEnd] of splitInclusive(
          start,
          end,
          Math.ceil((end - start + 1) / PRIMES_BLOCK),
        )) {
          await yieldToEventLoop();
          parts.push(primesInRange(bStart, bEnd, memo));
          progress.add(bEnd - bStart + 1);
        }
        return concatPrimeLists(parts);
      }),
    );
    primes = concatPrimeLists(results);
  } else {
    const parts: Int32Array[] = [];
    const blocks = Math.max(1, Math.min(64, Math.ceil((task.hi - lo + 1) / PRIMES_BLOCK)));
    for (const [start, end] of splitInclusive(lo, task.hi, blocks)) {
      parts.push(primesInRange(start, end, memo));
      progress.add(end - start + 1);
    }
    primes = concatPrimeLists(parts);
  }
  return { kind: 'primes', primes: task.fill ? new Int32Array(0) : primes };
}
