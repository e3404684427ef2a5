// The error a backend refusal becomes in the renderer, whichever door it came through.
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
