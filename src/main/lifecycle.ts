// Quitting never leaves work behind: whichever way the app is asked to stop (last window closed, Cmd+Q,
// SIGINT/SIGTERM from a terminal), the run in progress is cancelled and the service waits until every
// worker and child is gone and the database is closed, and only then is the app allowed to quit.
import { app } from 'electron';
import type { BenchService } from '../engine/service.js';

/** Installs the quit sequence; returns whether quitting has begun (the engine is then closing or closed). */
export function setupQuit(service: BenchService): () => boolean {
  let closing: Promise<void> | undefined;
  let closed = false;

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closing ??= service
      .close()
      .catch((error: unknown) => console.error('[main] closing the engine failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => app.quit());
  }
  return () => closing !== undefined;
}
