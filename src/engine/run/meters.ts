// The orchestrator's own meters around a repetition: event-loop delay and peak RSS of this process (its
// worker threads included; children report their own).
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { Sample } from '../../shared/results.js';

/** How often the orchestrator's RSS is sampled during a repetition. */
const RSS_SAMPLE_MS = 20;
/** The event-loop delay sampler's interval: a tick due every 10 ms, its lateness is the delay. */
export const LOOP_RESOLUTION_MS = 10;

/**
 * Event-loop delay of this process: a timer due every `intervalMs`, its lateness recorded in a perf_hooks
 * histogram (microseconds). Not monitorEventLoopDelay: its reset() also forgets when the last tick was, so
 * the interval in progress at a repetition's start -- exactly when a model that blocks the loop blocks it --
 * was never recorded. Here reset() only clears the histogram and the next tick still measures from the last.
 */
export class LoopDelaySampler {
  private readonly histogram: RecordableHistogram = createHistogram();
  private lastTickMs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs: number) {}

  start(): void {
    this.lastTickMs = performance.now();
    const tick = (): void => {
      const now = performance.now();
      const lateMs = now - this.lastTickMs - this.intervalMs;
      this.histogram.record(Math.max(1, Math.round(lateMs * 1000)));
      this.lastTickMs = now;
      this.timer = setTimeout(tick, this.intervalMs);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  reset(): void {
    this.histogram.reset();
  }

  /** p50/p99/max in ms since the last reset; the tick in progress counts with its lateness so far. */
  snapshotMs(): Sample['eventLoopDelayMs'] {
    const pendingMs = Math.max(0, performance.now() - this.lastTickMs - this.intervalMs);
    const h = this.histogram;
    if (h.count === 0) return { p50: pendingMs, p99: pendingMs, max: pendingMs };
    const ms = (us: number): number => (us <= 1 ? 0 : us / 1000);
    return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: Math.max(ms(h.max), pendingMs) };
  }
}

/** Samples this process's RSS (all its threads) every few ms; children report their own peak. */
export function startRssSampler(): { stop(): void; peakBytes(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
    },
    peakBytes: () => peak,
  };
}
