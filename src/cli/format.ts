// Formatting for the terminal (numbers, times, machine names), in one place so every table and line uses
// the same units and words.
import type { RunBreakdown } from '../engine/runner.js';
import type { RunSummary } from '../shared/history.js';
import type { WorkloadParams } from '../shared/results.js';

/** 0.42 ms, 12.3 ms, 845 ms, 1.23 s, 12.3 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** A median with its spread in the median's unit: "12.3 ± 0.4 ms", "1.23 ± 0.05 s". */
export function formatMedianMad(medianMs: number, madMs: number): string {
  if (medianMs >= 1000) return `${(medianMs / 1000).toFixed(2)} ± ${(madMs / 1000).toFixed(2)} s`;
  const digits = medianMs >= 100 ? 0 : medianMs >= 10 ? 1 : 2;
  return `${medianMs.toFixed(digits)} ± ${madMs.toFixed(digits)} ms`;
}

/** A 95% CI in one unit: "12.1–12.9 ms". */
export function formatRangeMs([lo, hi]: [number, number]): string {
  if (hi >= 1000) return `${(lo / 1000).toFixed(2)}–${(hi / 1000).toFixed(2)} s`;
  const digits = hi >= 100 ? 0 : hi >= 10 ? 1 : 2;
  return `${lo.toFixed(digits)}–${hi.toFixed(digits)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** "2.31x" faster than the baseline, "0.85x" when slower. */
export function formatSpeedup(ratio: number): string {
  return `${ratio.toFixed(ratio < 0.1 ? 3 : 2)}x`;
}

/** The parameters of a case as a reader would write them: "limit 300000, memo off", "3000x3000, tuned". */
export function describeParams(params: WorkloadParams): string {
  switch (params.workload) {
    case 'primes':
      return `limit ${params.limit.toLocaleString('en-US')}, memo ${params.memo}`;
    case 'images':
      return `${params.inputs.length} file${params.inputs.length === 1 ? '' : 's'} -> ${params.width}x${params.height}`;
    case 'matrix':
      return `${params.size}x${params.size}, ${params.kernel}`;
  }
}

/** Where a run's time went, one line: the whole, its parts in order, and the models' share split up. */
export function formatBreakdown(b: RunBreakdown): string {
  const other = b.totalMs - b.preparationMs - b.openMs - b.repetitionsMs - b.verificationMs - b.closeMs;
  return (
    `time ${formatMs(b.totalMs)}: preparation ${formatMs(b.preparationMs)}, ` +
    `start-up of warm models ${formatMs(b.openMs)}, model runs ${formatMs(b.repetitionsMs)} ` +
    `(start-up ${formatMs(b.startupInWallMs)}, transfer ${formatMs(b.transferMs)}, ` +
    `compute ${formatMs(b.computeMs)}, merge ${formatMs(b.mergeMs)}), ` +
    `verification ${formatMs(b.verificationMs)}, closing ${formatMs(b.closeMs)}, ` +
    `other ${formatMs(Math.max(0, other))}`
  );
}

/** "2024-06-07 14:03" in local time: what a person reads in a list. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function machineName(
  run: Pick<RunSummary, 'machineLabel' | 'cpuBrand' | 'machineFingerprint'>,
): string {
  return `${run.machineLabel ?? run.cpuBrand ?? 'unknown CPU'} (${run.machineFingerprint.slice(0, 8)})`;
}
