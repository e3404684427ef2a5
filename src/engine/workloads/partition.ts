// How a case's items are cut into ranges: an equal static split (cold models) or more, smaller chunks than
// workers (pools), so that a fast worker takes more.
import type { PreparedCase } from '../models/types.js';
import { caseInput, type ItemRange } from './case-input.js';

/** `parts` contiguous ranges of nearly equal size covering [0, itemCount); never an empty range. */
export function partition(itemCount: number, parts: number): ItemRange[] {
  const k = Math.max(1, Math.min(Math.floor(parts), itemCount));
  const ranges: ItemRange[] = [];
  for (let i = 0; i < k; i++) {
    const start = Math.floor((itemCount * i) / k);
    const end = Math.floor((itemCount * (i + 1)) / k);
    if (end > start) ranges.push({ start, end });
  }
  return ranges;
}

/**
 * Chunks for the dynamic (pool) models: more chunks than workers so that a fast worker takes more. Images go
 * one file per chunk; matrix rows in 2 chunks per worker (every chunk carries a copy of B); primes 8 per worker.
 */
export function dynamicChunks(prepared: PreparedCase, workers: number): ItemRange[] {
  const input = caseInput(prepared);
  const perWorker = input.workload === 'images' ? Infinity : input.workload === 'matrix' ? 2 : 8;
  return partition(prepared.itemCount, Math.min(prepared.itemCount, workers * perWorker));
}
