// Opens the history for the GUI's service: the SQLite file, or, when the GUI asks for the fallback, a
// session history in memory together with the reason (and the fix) the window shows.
import type { HistoryStatus } from '../../shared/ipc.js';
import type { HistoryBackend } from './history-backend.js';
import { openStore } from './index.js';
import { NativeAddonError } from './native.js';
import { SessionHistory } from './session-history.js';

/** Opens the history, or (with `fallback`) a session history in memory and the reason the file could not be used. */
export function openHistory(
  file: string,
  fallback: boolean,
): { store: HistoryBackend; status: HistoryStatus } {
  try {
    return { store: openStore(file), status: { available: true, file, reason: null, fix: null } };
  } catch (error) {
    if (!fallback) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[service] history unavailable, keeping this session's runs in memory: ${reason}`);
    const fix = error instanceof NativeAddonError ? error.fix : null;
    return { store: new SessionHistory(), status: { available: false, file, reason, fix } };
  }
}
