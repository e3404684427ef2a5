// The Electron-free backend behind the GUI: one object that answers every IpcContract channel and streams
// run events. The Electron main process (src/main/ipc.ts) and the web server (src/server) are thin adapters
// over it: they check who is asking (sender frame / token + Origin) and pass the raw payload through;
// `handle` validates it and throws BadRequestError naming what was wrong.
import type { IpcChannel, IpcResponse } from '../shared/ipc.js';
import type { RunEvent } from '../shared/results.js';

export class BadRequestError extends Error {
  readonly code = 'bad-request' as const;
}
export class NotFoundError extends Error {
  readonly code = 'not-found' as const;
}
export class BusyError extends Error {
  readonly code = 'busy' as const;
}

export interface BenchService {
  /**
   * Validates `payload` for `channel` and answers it. Throws BadRequestError/NotFoundError/BusyError.
   * `scope` names the caller (a web session, a desktop window) for the path policy: what it may read.
   */
  handle<C extends IpcChannel>(channel: C, payload: unknown, scope?: string): Promise<IpcResponse<C>>;
  /** Every run event, unthrottled; adapters throttle progress for their transport. Returns unsubscribe. */
  onRunEvent(listener: (event: RunEvent) => void): () => void;
  /** Cancels any run in progress and waits until its workers and children are gone; closes the store. */
  close(): Promise<void>;
}
