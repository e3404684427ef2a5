// Per-socket rate limit for run events: progress is coalesced to at most one push per interval; plan, result,
// log and done always go through, in order.
import type { RunEvent } from '../shared/results.js';

type ProgressEvent = Extract<RunEvent, { type: 'progress' }>;

/** About 30 progress pushes a second. */
export const PROGRESS_INTERVAL_MS = 34;

function progressKey(event: ProgressEvent): string {
  return `${event.caseId}|${event.model}|${event.worker?.index ?? '-'}`;
}

/**
 * Coalesces progress per (case, model, worker) and sends the least recently updated one each interval, so every
 * worker's bar still moves while the total rate stays bounded and `completedSteps` never goes backwards.
 */
export class ProgressThrottle {
  /** Latest pending progress per key, in order of last update (oldest first). */
  private readonly pending = new Map<string, ProgressEvent>();
  private lastSentAtMs = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly send: (event: RunEvent) => void,
    private readonly intervalMs: number = PROGRESS_INTERVAL_MS,
  ) {}

  push(event: RunEvent): void {
    if (this.closed) return;
    if (event.type !== 'progress') {
      this.flushNewest();
      this.send(event);
      return;
    }
    const now = performance.now();
    if (this.pending.size === 0 && now - this.lastSentAtMs >= this.intervalMs) {
      this.lastSentAtMs = now;
      this.send(event);
      return;
    }
    const key = progressKey(event);
    this.pending.delete(key);
    this.pending.set(key, event);
    this.schedule(now);
  }

  /** Stops sending; pending progress is dropped. */
  close(): void {
    this.closed = true;
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(now: number): void {
    if (this.timer) return;
    const waitMs = Math.max(0, this.lastSentAtMs + this.intervalMs - now);
    this.timer = setTimeout(() => {
      this.timer = null;
      const first = this.pending.entries().next();
      if (first.done) return;
      const [key, event] = first.value;
      this.pending.delete(key);
      this.lastSentAtMs = performance.now();
      this.send(event);
      if (this.pending.size > 0) this.schedule(this.lastSentAtMs);
    }, waitMs);
  }

  /**
   * Before a result or done, the newest pending progress (it carries the latest completedSteps) is sent and the
   * older ones dropped: they describe steps that the event about to be sent has superseded.
   */
  private flushNewest(): void {
    if (this.pending.size === 0) return;
    const newest = [...this.pending.values()].at(-1)!;
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastSentAtMs = performance.now();
    this.send(newest);
  }
}
