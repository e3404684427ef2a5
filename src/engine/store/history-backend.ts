// The one shape of a run history that the service, the recorder and the report use: the SQLite Store and
// the in-memory SessionHistory both implement it, so callers never ask which one they were given.
import type {
  Bundle,
  HistoryFilter,
  HistoryPage,
  ImportReport,
  MachineInfo,
  RunRecord,
  StoredMachine,
} from '../../shared/history.js';
import type { ModelResult, RunStatus, SuiteSpec } from '../../shared/results.js';

/** What a history is told when a run starts: its row, before any result exists. */
export interface BeginRun {
  runId: string;
  spec: SuiteSpec;
  startedAt: string;
  machineId: number;
  appVersion: string;
  nodeVersion: string;
  v8Version: string | null;
  electronVersion: string | null;
  noise: string[];
  /** The recording process, so a run left 'running' by a killed process can be recognised later. */
  pid: number | null;
  hostname: string | null;
  status?: RunStatus;
  endedAt?: string | null;
}

/** How `runs.storedKeys` names a stored (case, model) pair: one key format for every backend. */
export function resultKey(result: { caseId: string; model: string }): string {
  return `${result.caseId}\u0000${result.model}`;
}

/** The calls the service and the recorder make on a history; the Store and SessionHistory both answer them. */
export interface HistoryBackend {
  readonly runs: { has(runId: string): boolean; storedKeys(runId: string): Set<string> };
  upsertMachine(info: MachineInfo, now?: string): StoredMachine;
  setMachineLabel(info: MachineInfo, label: string | null): StoredMachine;
  findMachine(fingerprint: string): StoredMachine | undefined;
  beginRun(run: BeginRun): void;
  addResult(runId: string, result: ModelResult): void;
  finishRun(runId: string, status: RunStatus, endedAt?: string | null): void;
  listRuns(filter?: HistoryFilter): HistoryPage;
  getRun(runId: string): RunRecord;
  getRuns(runIds: string[]): RunRecord[];
  deleteRuns(runIds: string[]): number;
  exportBundle(runIds: string[], appVersion: string): Bundle;
  importBundle(json: string, source?: string): ImportReport;
  close(): void;
}
