// Progress arrives far faster than a window can paint (every worker reports ~20 times a second); results,
// plans and logs are rare and must never be lost. So progress is coalesced per (case, model, worker) and
// flushed at most `1000 / maxPerSecond` apart, and every other event goes out at once, after whatever
// progress is pending, so the renderer never sees progress for a model after that model's result.
import type { RunEvent } from '../shared/results.js';

type ProgressEvent = Extract<RunEvent, { type: 'progress' }>;

export interface EventThrottle {
  push(event: RunEvent): void;
  /** Stops the timer; pending progress is dropped (the window is gone). */
  dispose(): void;
}

export interface ThrottleOptions {
  /** Flushes of coalesced progress per second, at most. */
  maxPerSecond?: number;
  /** Milliseconds clock; injectable so the limit can be shown with fake timers. */
  now?: () => number;
}

function progressKey(event: ProgressEvent): string {
  return `${event.caseId}\u0000${event.model}\u0000${event.worker?.index ?? 'all'}`;
}

/** Forwards run events to `send`: progress coalesced and rate-limited, everything else immediately and in order. */
export function createEventThrottle(
  send: (event: RunEvent) => void,
  options: ThrottleOptions = {},
): EventThrottle {
  const intervalMs = 1000 / (options.maxPerSecond ?? 30);
  const now = options.now ?? (() => performance.now());
  const pending = new Map<string, ProgressEvent>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlushAt = -Infinity;
  let disposed = false;

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    lastFlushAt = now();
    const batch = [...pending.values()];
    pending.clear();
    for (const event of batch) send(event);
  };

  return {
    push(event) {
      if (disposed) return;
      if (event.type !== 'progress') {
        flush();
        send(event);
        return;
      }
      const key = progressKey(event);
      // Re-inserting moves the key to the end, so a flush replays keys in the order they last changed.
      pending.delete(key);
      pending.set(key, event);
      if (timer === undefined) {
        timer = setTimeout(flush, Math.max(0, lastFlushAt + intervalMs - now()));
      }
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
