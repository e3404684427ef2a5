// The one shape of a model's session: an abort stops every worker at once, each repetition runs guarded (an
// abort rejects it as soon as the workers are gone), and close() stops them and lets go of the signal. A
// model fills in only how its workers start, stop and run one repetition.
import { guarded } from './common.js';
import type { ModelContext, ModelSession, PreparedCase, RepetitionOutcome, RunOptions } from './types.js';

/** What a warm model fills in: its workers start in open() and serve every repetition. */
export interface WarmParts<T extends { readonly startupMs: number }> {
  /** Starts every worker; resolves once all are ready, with what `run` needs and the start-up it took. */
  start(): Promise<T>;
  /**
   * Ends every worker, at once. Called on abort, on a failed start and by close(), so it must be safe to call
   * twice and before `start` has resolved (`started` is undefined then).
   */
  stop(started: T | undefined): Promise<void>;
  /** One repetition over the started workers. */
  run(started: T, prepared: PreparedCase, options: RunOptions): Promise<RepetitionOutcome>;
}

/** Opens a warm model's session: starts its workers (guarded), reporting their start-up as openStartupMs. */
export async function warmSession<T extends { readonly startupMs: number }>(
  context: ModelContext,
  parts: WarmParts<T>,
): Promise<ModelSession> {
  let started: T | undefined;
  const stop = (): Promise<void> => parts.stop(started);
  const unwatch = watchAbort(context.signal, stop);
  try {
    started = await guarded(context.signal, stop, () => parts.start());
    // An abort that raced the start-up may have found nothing started yet to stop.
    if (context.signal.aborted) await stop();
  } catch (error) {
    unwatch();
    await stop();
    throw error;
  }
  const ready = started;
  return guardedSession(context.signal, stop, unwatch, ready.startupMs, (prepared, options) =>
    parts.run(ready, prepared, options),
  );
}

/** A cold model's session: nothing starts in open(); `run` starts and ends its own workers, `stop` the live ones. */
export function coldSession(
  context: ModelContext,
  stop: () => Promise<void>,
  run: (prepared: PreparedCase, options: RunOptions) => Promise<RepetitionOutcome>,
): ModelSession {
  return guardedSession(context.signal, stop, watchAbort(context.signal, stop), 0, run);
}

/** Stops the workers as soon as `signal` aborts; returns the function that stops watching. */
function watchAbort(signal: AbortSignal, stop: () => Promise<void>): () => void {
  const onAbort = (): void => void stop();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

function guardedSession(
  signal: AbortSignal,
  stop: () => Promise<void>,
  unwatch: () => void,
  openStartupMs: number,
  run: (prepared: PreparedCase, options: RunOptions) => Promise<RepetitionOutcome>,
): ModelSession {
  return {
    openStartupMs,
    run: (prepared, options) => guarded(signal, stop, () => run(prepared, options)),
    async close() {
      unwatch();
      await stop();
    },
  };
}
