// The error a backend refusal becomes in the renderer, whichever door it came through, and the one line a
// view shows for anything caught.
import type { IpcError } from '../../../shared/ipc.js';

/** A backend refusal; `code` says which kind (bad-request, not-found, busy, ...), the message says what was wrong. */
export class ApiError extends Error {
  readonly code: IpcError['code'];
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
  }
}

/** The text a view shows for a caught error, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
