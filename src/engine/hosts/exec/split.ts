// Cutting a task's items into blocks: for progress reports, yields to the event loop and async functions.

/** [start, end] inclusive ranges of about equal size covering [lo, hi]. */
export function splitInclusive(lo: number, hi: number, parts: number): Array<[number, number]> {
  const count = hi - lo + 1;
  const ranges: Array<[number, number]> = [];
  if (count <= 0) return ranges;
  const k = Math.max(1, Math.min(parts, count));
  for (let i = 0; i < k; i++) {
    const start = lo + Math.floor((count * i) / k);
    const end = lo + Math.floor((count * (i + 1)) / k) - 1;
    if (end >= start) ranges.push([start, end]);
  }
  return ranges;
}
