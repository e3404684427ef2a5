// Turns a run's event stream into history rows as it happens: the run row at `plan`, each result the
// moment it exists, the final status at `done`.
import os from 'node:os';
import type { MachineInfo } from '../../shared/history.js';
import type { RunEvent } from '../../shared/results.js';
import { resultKey, type HistoryBackend } from './history-backend.js';

export type Recorder = (event: RunEvent) => void;

/** Records a run's events into the store; throws if a write fails, so the loss is never silent. */
export function createRecorder(store: HistoryBackend, machine: MachineInfo, appVersion: string): Recorder {
  const begun = new Set<string>();
  return (event) => {
    switch (event.type) {
      case 'plan': {
        const stored = store.upsertMachine(machine, event.startedAt);
        store.beginRun({
          runId: event.runId,
          spec: event.spec,
          startedAt: event.startedAt,
          machineId: stored.id,
          appVersion,
          nodeVersion: machine.runtime.node,
          v8Version: machine.runtime.v8,
          electronVersion: machine.runtime.electron,
          noise: machine.noise,
          pid: process.pid,
          hostname: os.hostname(),
        });
        begun.add(event.runId);
        return;
      }
      case 'result':
        if (!begun.has(event.runId))
          throw new Error(`recorder: result for run ${event.runId} before its plan`);
        store.addResult(event.runId, event.result);
        return;
      case 'done': {
        if (!begun.has(event.runId)) throw new Error(`recorder: done for run ${event.runId} before its plan`);
        // Results the runner only reports at the end (e.g. cancelled ones) are stored too.
        const stored = store.runs.storedKeys(event.runId);
        for (const result of event.results) {
          if (!stored.has(resultKey(result))) store.addResult(event.runId, result);
        }
        store.finishRun(event.runId, event.status, event.endedAt);
        begun.delete(event.runId);
        return;
      }
      default:
        return;
    }
  };
}
