// The one contract between the GUI and its backend. It types the Electron main handlers (src/main/ipc.ts),
// the preload's window.api (src/preload), and the web server's WebSocket bridge (src/server).
import type {
  Comparison,
  HistoryFilter,
  HistoryPage,
  ImportReport,
  MachineInfo,
  RunRecord,
} from './history.js';
import type { MatrixKernel, MemoMode, ModelId, RunEvent, SuiteId, WorkloadId } from './results.js';
import type { ScalingRequest } from './scaling.js';

/** What the GUI asks for; the backend turns it into a SuiteSpec (same rules as the CLI flags). */
export interface StartRunRequest {
  suite: SuiteId;
  workloads?: WorkloadId[];
  models?: ModelId[];
  limit?: number;
  memo?: MemoMode[];
  size?: number;
  kernel?: MatrixKernel;
  /** Image files or folders (absolute paths; in web mode, the upload ids returned by the server). */
  images?: string[];
  workers?: number;
  reps?: number;
  warmup?: number;
  /** Seed of the model-order shuffle (replays a run's order); random when absent, recorded in the spec. */
  seed?: number;
  /** Record into the history (default true). */
  save?: boolean;
  /** A scaling sweep or break-even search over the one workload in `workloads` instead of a suite. */
  scaling?: ScalingRequest;
}

export interface ImageInfo {
  path: string;
  name: string;
  ok: boolean;
  width?: number;
  height?: number;
  bytes?: number;
  format?: string;
  /** Small preview as a data: URL (PNG/JPEG/WebP), so no file:// access is needed. */
  thumbnail?: string;
  error?: string;
}

/**
 * The history database in use. When it cannot be opened (the desktop app's SQLite addon is missing or built
 * for another Electron, the file is not a database...), the app still runs: results are kept in memory for
 * this session, can be viewed, compared and exported, and are lost when the app quits.
 */
export interface HistoryStatus {
  available: boolean;
  /** The database file, or the one that could not be opened. */
  file: string;
  /** Why the history is unavailable; null when it is available. */
  reason: string | null;
  /** The command that fixes it, where one is known (e.g. "npm run rebuild:electron"). */
  fix: string | null;
}

/** Request/response per channel. Every channel is invoke-style (request in, response or error out). */
export interface IpcContract {
  'run:start': { request: StartRunRequest; response: { runId: string } };
  'run:cancel': { request: { runId: string }; response: { cancelled: boolean } };
  /** The run in progress, if any, with the events so far (for a window that opens mid-run). */
  'run:active': { request: void; response: { runId: string; events: RunEvent[] } | null };
  'history:list': { request: HistoryFilter; response: HistoryPage };
  'history:get': { request: { runId: string }; response: RunRecord };
  'history:compare': { request: { runIds: string[] }; response: Comparison };
  'history:export': { request: { runIds: string[] }; response: { fileName: string; json: string } };
  'history:import': { request: { json: string; name?: string }; response: ImportReport };
  'history:delete': { request: { runIds: string[] }; response: { deleted: number } };
  /** One self-contained HTML report of the runs (their comparison when two or more); it embeds their bundle. */
  'history:report': { request: { runIds: string[] }; response: { fileName: string; html: string } };
  /** Whether runs are being saved; when not, why and how to fix it (runs then live in memory only). */
  'history:status': { request: void; response: HistoryStatus };
  'machine:info': { request: void; response: MachineInfo };
  'machine:setLabel': { request: { label: string }; response: MachineInfo };
  /** Desktop: a native file dialog; web: not available (the page uploads instead). */
  'images:pick': { request: void; response: { paths: string[] } };
  /** Sizes, formats and thumbnails of inputs, or of outputs written by a run. */
  'images:inspect': { request: { paths: string[] }; response: ImageInfo[] };
}

export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = IpcContract[C]['request'];
export type IpcResponse<C extends IpcChannel> = IpcContract[C]['response'];

/** Push events from backend to GUI. Progress events are throttled to at most ~30 a second. */
export interface PushContract {
  'run:event': RunEvent;
}
export type PushChannel = keyof PushContract;

/** Errors cross the boundary as data with a message naming the bad input. */
export interface IpcError {
  code: 'bad-request' | 'forbidden' | 'not-found' | 'busy' | 'internal';
  message: string;
}

/**
 * What an Electron main handler returns to the preload: errors travel as data, because an Error thrown in a
 * handler reaches the renderer with its message rewritten and every other field (the code) dropped.
 */
export type IpcReply<C extends IpcChannel> =
  { ok: true; value: IpcResponse<C> } | { ok: false; error: IpcError };

/** The domain actions window.api exposes (preload) and lib/api.ts implements over WebSocket in web mode. */
export interface BenchApi {
  startRun(req: StartRunRequest): Promise<{ runId: string }>;
  cancelRun(runId: string): Promise<{ cancelled: boolean }>;
  activeRun(): Promise<IpcResponse<'run:active'>>;
  listRuns(filter: HistoryFilter): Promise<HistoryPage>;
  getRun(runId: string): Promise<RunRecord>;
  compareRuns(runIds: string[]): Promise<Comparison>;
  exportRuns(runIds: string[]): Promise<{ fileName: string; json: string }>;
  importBundle(json: string, name?: string): Promise<ImportReport>;
  deleteRuns(runIds: string[]): Promise<{ deleted: number }>;
  reportRuns(runIds: string[]): Promise<{ fileName: string; html: string }>;
  historyStatus(): Promise<HistoryStatus>;
  machineInfo(): Promise<MachineInfo>;
  setMachineLabel(label: string): Promise<MachineInfo>;
  pickImages(): Promise<{ paths: string[] }>;
  inspectImages(paths: string[]): Promise<ImageInfo[]>;
  /**
   * Paths of dropped files (desktop: webUtils.getPathForFile, and main is told them on DROP_CHANNEL so this
   * window may name them; web: uploads them and returns server paths).
   */
  pathsForFiles(files: File[]): Promise<string[]>;
  /** Subscribe to run events; returns the unsubscribe function. */
  onRunEvent(listener: (event: RunEvent) => void): () => void;
  /** 'desktop' under Electron, 'web' under `cbench serve`. */
  readonly mode: 'desktop' | 'web';
}

/**
 * Desktop only, preload -> main, never exposed to the page: the paths of the files the user dropped, which
 * the window may then name (the path policy). Not in IpcContract, so the web bridge cannot be asked it.
 */
export type DropChannel = 'images:dropped';
export interface DropRequest {
  paths: string[];
}
/** How many of the dropped paths exist and were granted. */
export type DropReply = { ok: true; value: { granted: number } } | { ok: false; error: IpcError };
