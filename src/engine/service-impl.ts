// The Electron-free backend behind the GUI (see service.ts): validates each request, runs one suite at a
// time, records it into the history as it goes, and answers history, machine and image questions.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { MachineInfo } from '../shared/history.js';
import type { IpcChannel, IpcRequest, IpcResponse, StartRunRequest } from '../shared/ipc.js';
import type { RunEvent } from '../shared/results.js';
import type { EngineHost } from './host.js';
import { inspectImage } from './image-inspect.js';
import { parseRequest, requestPaths } from './ipc-schemas.js';
import { buildReport } from './report/index.js';
import { collectMachineInfo } from './machine.js';
import type { PathPolicy } from './path-policy.js';
import { runSuite } from './runner.js';
import { buildScalingSpec } from './scaling-request.js';
import { BadRequestError, BusyError, type BenchService } from './service.js';
import { compareRuns } from './stats/compare.js';
import { createRecorder, defaultDbPath, type Recorder } from './store/index.js';
import { openHistory } from './store/open-history.js';
import { buildSuiteSpec, SuiteOptionError } from './suites.js';
import { runScaling } from './sweep/run.js';

export { MAX_INSPECT_BYTES } from './image-inspect.js';

export interface BenchServiceOptions {
  /** History database; defaultDbPath() when absent. */
  dbPath?: string;
  host: EngineHost;
  appVersion?: string;
  electronVersion?: string | null;
  /**
   * Which files and folders requests may name, per caller scope (web session, desktop window). Every path
   * field of every channel is checked against it before anything is opened; without it nothing is confined.
   */
  pathPolicy?: PathPolicy;
  /** A native file picker (desktop); without it images:pick is refused. */
  pickImages?: () => Promise<string[]>;
  /**
   * The GUI's choice: when the database cannot be opened, keep this session's runs in memory and say why
   * (history:status) instead of failing to start. The CLI leaves it off and fails with the reason.
   */
  historyFallback?: boolean;
  /** Page size of history:list when the request gives none. */
  defaultPageSize?: number;
}

interface ActiveRun {
  runId: string;
  controller: AbortController;
  /** plan, results and logs, plus only the latest progress (a late window needs no history of bars). */
  events: RunEvent[];
  latestProgress: RunEvent | null;
  finished: Promise<void>;
}

/** Creates the backend: opens the history (throws if the database cannot be used, unless historyFallback). */
export async function createBenchService(options: BenchServiceOptions): Promise<BenchService> {
  const { store, status: historyStatus } = openHistory(
    path.resolve(options.dbPath ?? defaultDbPath()),
    options.historyFallback ?? false,
  );
  const appVersion = options.appVersion ?? '0.0.0';
  const electronVersion = options.electronVersion ?? null;
  const policy = options.pathPolicy ?? null;
  const listeners = new Set<(event: RunEvent) => void>();
  let active: ActiveRun | null = null;
  let closing: Promise<void> | null = null;

  const machineInfo = async (): Promise<MachineInfo> => {
    const info = await collectMachineInfo({ electronVersion });
    return { ...info, label: store.findMachine(info.fingerprint)?.label ?? null };
  };

  const emit = (event: RunEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('[service] a run-event listener threw:', error);
      }
    }
  };

  async function startRun(request: StartRunRequest, scope: string | undefined): Promise<{ runId: string }> {
    if (closing) throw new BusyError('the service is shutting down');
    if (active) throw new BusyError(`a run is already in progress (${active.runId}); cancel it or wait`);
    const { save, ...suiteRequest } = request;
    // Claim the slot before the first await, so two quick requests cannot both start.
    const runId = randomUUID();
    const controller = new AbortController();
    const run: ActiveRun = {
      runId,
      controller,
      events: [],
      latestProgress: null,
      finished: Promise.resolve(),
    };
    active = run;
    let spec;
    let record: Recorder | null = null;
    try {
      // The named paths were checked before this; the files a named folder holds are checked here.
      const checkImage = policy
        ? async (file: string): Promise<void> => {
            await policy.check(scope, { channel: 'run:start', field: 'images' }, file);
          }
        : undefined;
      spec = suiteRequest.scaling
        ? await buildScalingSpec(suiteRequest, options.host, checkImage)
        : await buildSuiteSpec(suiteRequest, options.host, checkImage);
      if (save !== false)
        record = createRecorder(store, await collectMachineInfo({ electronVersion }), appVersion);
      // close() may have begun while the spec was being built; it must not find a run starting after it.
      if (closing) throw new BusyError('the service is shutting down');
    } catch (error) {
      active = null;
      if (error instanceof SuiteOptionError) throw new BadRequestError(`run:start: ${error.message}`);
      throw error;
    }
    const onEvent = (event: RunEvent): void => {
      if (event.type === 'progress') run.latestProgress = event;
      else run.events.push(event);
      if (record) {
        try {
          record(event);
        } catch (error) {
          // A history failure must not kill the run, but nobody may miss it either.
          record = null;
          const message = `history: this run is no longer being recorded (${(error as Error).message})`;
          run.events.push({ type: 'log', runId, level: 'error', message });
          emit({ type: 'log', runId, level: 'error', message });
        }
      }
      emit(event);
    };
    const execute = spec.scaling ? runScaling : runSuite;
    run.finished = execute({ spec, host: options.host, runId, signal: controller.signal, onEvent })
      .then(
        () => undefined,
        (error: unknown) => {
          console.error(`[service] run ${runId} ended with an exception:`, error);
          // The runner always ends with `done`; if it could not, the row must not stay 'running'.
          if (record && store.runs.has(runId)) store.finishRun(runId, 'failed');
        },
      )
      .finally(() => {
        if (active === run) active = null;
      });
    return { runId };
  }

  /**
   * Refuses the whole request when any path it names is outside what `scope` may read: one place for every
   * channel (the paths are found from the schemas' marks). Returns each named path's resolved form, so what
   * is opened later is what was checked.
   */
  async function confine<C extends IpcChannel>(
    channel: C,
    request: IpcRequest<C>,
    scope: string | undefined,
  ): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    if (!policy) return resolved;
    for (const { field, path: given } of requestPaths(channel, request)) {
      resolved.set(given, await policy.check(scope, { channel, field }, given));
    }
    return resolved;
  }

  async function answer<C extends IpcChannel>(
    channel: C,
    request: IpcRequest<C>,
    scope: string | undefined,
    resolved: Map<string, string>,
  ): Promise<IpcResponse<C>> {
    const real = (given: string): string => resolved.get(given) ?? given;
    // Each branch returns its channel's response; the casts only restate what the switch established.
    switch (channel) {
      case 'run:start': {
        const start = request as StartRunRequest;
        const images = start.images?.map(real);
        return (await startRun(images ? { ...start, images } : start, scope)) as IpcResponse<C>;
      }
      case 'run:cancel': {
        const { runId } = request as IpcRequest<'run:cancel'>;
        if (!active || active.runId !== runId) return { cancelled: false } as IpcResponse<C>;
        active.controller.abort();
        return { cancelled: true } as IpcResponse<C>;
      }
      case 'run:active': {
        if (!active) return null as IpcResponse<C>;
        const events = active.latestProgress ? [...active.events, active.latestProgress] : [...active.events];
        return { runId: active.runId, events } as IpcResponse<C>;
      }
      case 'history:list': {
        const filter = request as IpcRequest<'history:list'>;
        return store.listRuns({
          ...filter,
          limit: filter.limit ?? options.defaultPageSize ?? 100,
        }) as IpcResponse<C>;
      }
      case 'history:get':
        return store.getRun((request as IpcRequest<'history:get'>).runId) as IpcResponse<C>;
      case 'history:compare':
        return compareRuns(
          store.getRuns((request as IpcRequest<'history:compare'>).runIds),
        ) as IpcResponse<C>;
      case 'history:export': {
        const { runIds } = request as IpcRequest<'history:export'>;
        const bundle = store.exportBundle(runIds, appVersion);
        const stamp = bundle.exportedAt.slice(0, 10);
        const fileName =
          runIds.length === 1 ? `cbench-run-${runIds[0]}.json` : `cbench-${runIds.length}-runs-${stamp}.json`;
        return { fileName, json: JSON.stringify(bundle) } as IpcResponse<C>;
      }
      case 'history:import': {
        const { json, name } = request as IpcRequest<'history:import'>;
        return store.importBundle(json, name ?? 'bundle') as IpcResponse<C>;
      }
      case 'history:report': {
        const { runIds } = request as IpcRequest<'history:report'>;
        const { fileName, html } = buildReport(store, runIds, appVersion);
        return { fileName, html } as IpcResponse<C>;
      }
      case 'history:status':
        return { ...historyStatus } as IpcResponse<C>;
      case 'history:delete': {
        const { runIds } = request as IpcRequest<'history:delete'>;
        if (active && runIds.includes(active.runId)) {
          throw new BadRequestError(`history:delete: run ${active.runId} is in progress; cancel it first`);
        }
        return { deleted: store.deleteRuns(runIds) } as IpcResponse<C>;
      }
      case 'machine:info':
        return (await machineInfo()) as IpcResponse<C>;
      case 'machine:setLabel': {
        const label = (request as IpcRequest<'machine:setLabel'>).label.trim();
        const info = await collectMachineInfo({ electronVersion });
        const stored = store.setMachineLabel(info, label);
        return { ...info, label: stored.label } as IpcResponse<C>;
      }
      case 'images:pick':
        if (!options.pickImages) {
          throw new BadRequestError('images:pick is not available in this mode (upload the files instead)');
        }
        {
          const paths = await options.pickImages();
          // What the user chose in the native dialog is theirs to read, in this window only.
          if (scope !== undefined) await policy?.grant(scope, paths);
          return { paths } as IpcResponse<C>;
        }
      case 'images:inspect': {
        const { paths } = request as IpcRequest<'images:inspect'>;
        return (await Promise.all(paths.map((p) => inspectImage(p, real(p))))) as IpcResponse<C>;
      }
      default:
        throw new BadRequestError(`unknown channel "${String(channel)}"`);
    }
  }

  return {
    async handle(channel, payload, scope) {
      if (closing) throw new BusyError('the service is shutting down');
      const request = parseRequest(channel, payload);
      return answer(channel, request, scope, await confine(channel, request, scope));
    },
    onRunEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        const run = active;
        if (run) {
          run.controller.abort();
          await run.finished;
        }
        listeners.clear();
        store.close();
      })();
      return closing;
    },
  };
}
