// Runs: start, cancel and the active run over IPC, and every run event relayed to the window, progress
// throttled. The run itself happens in worker threads and utility processes; this process only relays.
import { RUN_CHANNELS } from './channels.js';
import { handleChannels, push, type ShellContext } from './ipc.js';
import { createEventThrottle } from './throttle.js';

/** Registers the run channels and relays run events to the window; returns the function that stops relaying. */
export function setupRuns(context: ShellContext): () => void {
  handleChannels(context, RUN_CHANNELS);
  const throttle = createEventThrottle((event) => push(context.getWindow(), 'run:event', event));
  const unsubscribe = context.service.onRunEvent((event) => throttle.push(event));
  return () => {
    unsubscribe();
    throttle.dispose();
  };
}

/** Cancels the run in progress, if any, and resolves once the service reports it cancelled. */
export async function cancelActiveRun(context: Pick<ShellContext, 'service'>): Promise<void> {
  const active = await context.service.handle('run:active', undefined);
  if (active) await context.service.handle('run:cancel', { runId: active.runId });
}
