// Checking what arrives from a worker or child before anything acts on it.
import type { FromWorker } from '../../shared/protocol.js';
import { parseChunk } from './bulk.js';

/** Parses a message from a worker or child, checking its `type` discriminant. */
export function parseFromWorker(message: unknown): FromWorker | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  if (type === 'ready' || type === 'progress' || type === 'result' || type === 'error' || type === 'pong') {
    return message as FromWorker;
  }
  if (type === 'chunk') {
    const chunk = parseChunk(message as Record<string, unknown>);
    return typeof chunk === 'string' ? undefined : chunk;
  }
  return undefined;
}
