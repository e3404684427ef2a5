// The bridge between the sandboxed page and the main process. The page gets domain actions typed by
// BenchApi (src/shared/ipc.ts) and nothing else: no ipcRenderer, no channel names, no Node.
// Built as CommonJS: sandboxed preloads cannot be ES modules, and may require only 'electron' (and a few
// Node built-ins), so this file imports nothing else at run time.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type {
  BenchApi,
  DropChannel,
  DropReply,
  DropRequest,
  IpcChannel,
  IpcReply,
  IpcRequest,
  IpcResponse,
} from '../shared/ipc.js';
import type { RunEvent } from '../shared/results.js';

async function invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  const reply = (await ipcRenderer.invoke(channel, request)) as IpcReply<C>;
  if (reply.ok) return reply.value;
  // contextBridge passes an Error's message and drops custom fields; the message already names the bad input.
  const error = new Error(reply.error.message);
  error.name = `IpcError[${reply.error.code}]`;
  throw error;
}

const api: BenchApi = {
  mode: 'desktop',
  startRun: (request) => invoke('run:start', request),
  cancelRun: (runId) => invoke('run:cancel', { runId }),
  activeRun: () => invoke('run:active', undefined),
  listRuns: (filter) => invoke('history:list', filter),
  getRun: (runId) => invoke('history:get', { runId }),
  compareRuns: (runIds) => invoke('history:compare', { runIds }),
  exportRuns: (runIds) => invoke('history:export', { runIds }),
  importBundle: (json, name) => invoke('history:import', name === undefined ? { json } : { json, name }),
  deleteRuns: (runIds) => invoke('history:delete', { runIds }),
  reportRuns: (runIds) => invoke('history:report', { runIds }),
  historyStatus: () => invoke('history:status', undefined),
  machineInfo: () => invoke('machine:info', undefined),
  setMachineLabel: (label) => invoke('machine:setLabel', { label }),
  pickImages: () => invoke('images:pick', undefined),
  inspectImages: (paths) => invoke('images:inspect', { paths }),
  async pathsForFiles(files) {
    // File.path is gone in current Electron; webUtils knows the path of a file the user dropped or picked.
    const paths = files.map((file) => {
      const filePath = webUtils.getPathForFile(file);
      if (!filePath) throw new Error(`"${file.name}" has no path on disk (only dropped or picked files do)`);
      return filePath;
    });
    // Only real dropped files have paths here, so main may let this window read exactly these.
    const channel: DropChannel = 'images:dropped';
    const request: DropRequest = { paths };
    const reply = (await ipcRenderer.invoke(channel, request)) as DropReply;
    if (!reply.ok) throw new Error(reply.error.message);
    return paths;
  },
  onRunEvent(listener) {
    const handler = (_event: IpcRendererEvent, runEvent: RunEvent): void => listener(runEvent);
    ipcRenderer.on('run:event', handler);
    return () => {
      ipcRenderer.removeListener('run:event', handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
