// Number formatting in one place, so every figure on screen carries its unit the same way.
import type { CaseSpec, WorkloadParams } from './results.js';

/** Milliseconds as "840 ms", "12.3 ms", "0.42 ms" or "1.25 s" (three significant digits). */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  if (abs >= 60_000) {
    const minutes = Math.floor(ms / 60_000);
    return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
  }
  if (abs >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (abs >= 100) return `${Math.round(ms)} ms`;
  if (abs >= 1) return `${ms.toPrecision(3)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Bytes in binary units: "512 B", "3.4 KB", "128 MB", "15.5 GB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0
    ? `${value} B`
    : `${value >= 100 ? value.toFixed(0) : value.toPrecision(3)} ${units[unit]}`;
}

/** A ratio as "3.42×". */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  if (ratio > 0 && ratio < 0.1) return `${ratio.toPrecision(2)}×`;
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

/** A signed percentage as "+12.3 %" / "−4.0 %". */
export function formatPct(pct: number | null | undefined, digits = 1): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return '–';
  const sign = pct > 0 ? '+' : pct < 0 ? '−' : '±';
  return `${sign}${Math.abs(pct).toFixed(digits)} %`;
}

export function formatInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  // As toLocaleString('en-US') would, without its cost (reports format thousands of these).
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Local date and time, to the minute, e.g. "2026-11-25 20:14". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Seconds left as "about 12 s" / "about 3 min". */
export function formatEta(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1500) return 'under 2 s';
  if (ms < 90_000) return `about ${Math.round(ms / 1000)} s`;
  return `about ${Math.round(ms / 60_000)} min`;
}

/** A case's parameters in words: "primes · limit 300,000 · memo off". */
export function describeParams(params: WorkloadParams): string {
  switch (params.workload) {
    case 'primes':
      return `primes · limit ${formatInt(params.limit)} · memo ${params.memo}`;
    case 'matrix':
      return `matrix · ${params.size}×${params.size} float64 · ${params.kernel} kernel`;
    case 'images': {
      const n = params.inputs.length;
      return `images · ${n} file${n === 1 ? '' : 's'} → ${params.width}×${params.height}`;
    }
  }
}

export function describeCase(spec: CaseSpec): string {
  return describeParams(spec.params);
}

/** Throughput with its unit where one is meaningful: GFLOP/s for matrix, images/s, numbers/s. */
export function throughput(params: WorkloadParams, medianMs: number): string {
  if (!(medianMs > 0)) return '–';
  const seconds = medianMs / 1000;
  switch (params.workload) {
    case 'matrix':
      return `${((2 * params.size ** 3) / seconds / 1e9).toPrecision(3)} GFLOP/s`;
    case 'images':
      return `${(params.inputs.length / seconds).toPrecision(3)} images/s`;
    case 'primes':
      return `${(params.limit / seconds / 1e6).toPrecision(3)} M numbers/s`;
  }
}

export function shortId(id: string): string {
  return id.length > 10 ? id.slice(0, 8) : id;
}
