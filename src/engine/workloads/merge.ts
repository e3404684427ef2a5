// Putting partial outputs back together, in range order, into one output per repetition: the room a matrix
// product is read into, the merge itself, and the shared-memory model's scans of what workers wrote in place.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ImageFileOutcome } from '../../shared/results.js';
import type { TaskOutput } from '../../shared/protocol.js';
import { BULK_CHUNK_BYTES, type BulkTargets } from '../hosts/bulk.js';
import type { CaseInput, ItemRange, MergedOutput } from './case-input.js';
import { concatPrimeLists } from './primes.js';

/**
 * Room for a matrix case's merged product that child processes' results are read straight into (see
 * roomFor), so the merge has nothing left to copy; undefined for the other workloads. Allocated untouched:
 * its pages are first written by the reads.
 */
export function outputRoom(input: CaseInput): Float64Array | undefined {
  return input.workload === 'matrix' ? new Float64Array(input.n * input.n) : undefined;
}

/** The rows of `room` that the task for items [range.start, range.end) fills, as a TaskLink's `into`. */
export function roomFor(input: CaseInput, room: Float64Array | undefined, range: ItemRange): BulkTargets {
  if (!room || input.workload !== 'matrix') return {};
  return { c: room.subarray(range.start * input.n, range.end * input.n) };
}

/**
 * Merges partial outputs (any order) into the full output, in range order; throws if a range is missing or
 * a matrix part does not hold its range's rows. A matrix product is assembled in `room` when given (parts
 * already read into their place there are not copied again), a few MB at a time, yielding to the event loop
 * in between; a single part that is the whole product is taken as it is.
 */
export async function mergeOutputs(
  input: CaseInput,
  parts: Array<{ range: ItemRange; output: TaskOutput }>,
  room?: Float64Array,
): Promise<MergedOutput> {
  const sorted = [...parts].sort((x, y) => x.range.start - y.range.start);
  let expectedStart = 0;
  for (const part of sorted) {
    if (part.range.start !== expectedStart) throw new Error(`merge: items from ${expectedStart} are missing`);
    expectedStart = part.range.end;
  }
  const itemCount =
    input.workload === 'primes'
      ? input.limit - 1
      : input.workload === 'matrix'
        ? input.n
        : input.files.length;
  if (expectedStart !== itemCount)
    throw new Error(`merge: items from ${expectedStart} to ${itemCount} are missing`);
  switch (input.workload) {
    case 'primes': {
      const lists = sorted.map((p) => {
        if (p.output.kind !== 'primes')
          throw new Error(`merge: expected primes output, got ${p.output.kind}`);
        return p.output.primes;
      });
      return { kind: 'primes', primes: concatPrimeLists(lists) };
    }
    case 'matrix': {
      const { n } = input;
      for (const p of sorted) {
        if (p.output.kind !== 'matrix')
          throw new Error(`merge: expected matrix output, got ${p.output.kind}`);
        if (p.output.rowStart !== p.range.start || p.output.c.length !== (p.range.end - p.range.start) * n) {
          throw new Error(`merge: the part for rows [${p.range.start}, ${p.range.end}) holds other rows`);
        }
      }
      const whole =
        sorted.length === 1 && sorted[0].output.kind === 'matrix' ? sorted[0].output.c : undefined;
      // Ordinary memory, not shared: V8 frees a SharedArrayBuffer only once every thread that saw it has
      // collected it, and an idle helper thread rarely collects.
      if (whole && !room && whole.buffer instanceof ArrayBuffer) return { kind: 'matrix', c: whole };
      const c = room && room.length === n * n ? room : new Float64Array(n * n);
      const step = BULK_CHUNK_BYTES / Float64Array.BYTES_PER_ELEMENT;
      for (const p of sorted) {
        const part = (p.output as Extract<TaskOutput, { kind: 'matrix' }>).c;
        const at = p.range.start * n;
        if (part.buffer === c.buffer && part.byteOffset === at * Float64Array.BYTES_PER_ELEMENT) continue;
        for (let offset = 0; offset < part.length; offset += step) {
          if (offset > 0) await yieldToEventLoop();
          c.set(part.subarray(offset, Math.min(offset + step, part.length)), at + offset);
        }
        await yieldToEventLoop();
      }
      return { kind: 'matrix', c };
    }
    case 'images': {
      const files: ImageFileOutcome[] = [];
      for (const p of sorted) {
        if (p.output.kind !== 'images')
          throw new Error(`merge: expected images output, got ${p.output.kind}`);
        files.push(...p.output.files);
      }
      return { kind: 'images', files };
    }
  }
}

/** The ascending primes marked in a shared flags array (Uint8Array[limit + 1]): the shared-memory model's merge. */
export function scanPrimeFlags(flags: Uint8Array, limit: number): Int32Array {
  let count = 0;
  for (let n = 2; n <= limit; n++) count += flags[n];
  const primes = new Int32Array(count);
  let at = 0;
  for (let n = 2; n <= limit; n++) if (flags[n] === 1) primes[at++] = n;
  return primes;
}

/** Per-file outcomes collected in any order, placed by index; throws if a file has no outcome. */
export function collectFiles(
  count: number,
  parts: Array<{ indices: number[]; files: ImageFileOutcome[] }>,
): ImageFileOutcome[] {
  const files = new Array<ImageFileOutcome | undefined>(count);
  for (const part of parts) part.indices.forEach((index, i) => (files[index] = part.files[i]));
  const missing = files.findIndex((f) => f === undefined);
  if (missing >= 0) throw new Error(`merge: no outcome for image ${missing}`);
  return files as ImageFileOutcome[];
}
