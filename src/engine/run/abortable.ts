// Cancellation as the runner sees it: a run ends at once when cancelled, whatever a model is still doing.

/** What the runner throws when the run is cancelled. */
export class AbortedError extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'AbortError';
  }
}

/** Throws an AbortedError once `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AbortedError();
}

/**
 * Settles with `promise`, or rejects at once when `signal` aborts, so cancellation never waits for a model
 * that is slow to notice. A value that arrives after that is handed to `onLate` (e.g. to close it).
 */
export function abortable<T>(
  signal: AbortSignal,
  promise: Promise<T>,
  onLate?: (value: T) => void,
): Promise<T> {
  if (signal.aborted) {
    promise.then(onLate, () => {});
    return Promise.reject(new AbortedError());
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      reject(new AbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) {
          onLate?.(value);
          return;
        }
        settled = true;
        resolve(value);
      },
      (caught: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        reject(caught);
      },
    );
  });
}

/** The message of anything thrown. */
export function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
