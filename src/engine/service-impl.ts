// The Electron-free backend behind the GUI (see service.ts): validates each request, runs one suite at a
// time, records it into the history as it goes, and answers history, machine and image questions.
import { randomUUID } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { MachineInfo } from '../shared/history.js';
import type {
  HistoryStatus,
  ImageInfo,
  IpcChannel,
  IpcRequest,
  IpcResponse,
  StartRunRequest,
} from '../shared/ipc.js';
import type { RunEvent, SuiteSpec } from '../shared/results.js';
import type { EngineHost } from './host.js';
import { parseRequest, requestPaths } from './ipc-schemas.js';
import { buildReport } from './report/index.js';
import { collectMachineInfo } from './machine.js';
import type { PathPolicy } from './path-policy.js';
import { runSuite } from './runner.js';
import { BadRequestError, BusyError, type BenchService } from './service.js';
import { compareRuns } from './stats/compare.js';
import { createRecorder, defaultDbPath, openStore, type Recorder } from './store/index.js';
import { NativeAddonError } from './store/native.js';
import type { HistoryBackend } from './store/history-backend.js';
import { SessionHistory } from './store/session-history.js';
import { buildSuiteSpec, SuiteOptionError } from './suites.js';
import { buildBreakEvenSpec, buildSweepSpec } from './sweep/plan.js';
import { runScaling } from './sweep/run.js';

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

/** Largest file images:inspect will decode. */
export const MAX_INSPECT_BYTES = 256 * 1024 * 1024;
const THUMBNAIL_PX = 160;

interface ActiveRun {
  runId: string;
  controller: AbortController;
  /** plan, results and logs, plus only the latest progress (a late window needs no history of bars). */
  events: RunEvent[];
  latestProgress: RunEvent | null;
  finished: Promise<void>;
}

/** `file` as the caller named it (shown), `checked` as the path policy resolved it (opened). */
async function inspectImage(file: string, checked: string): Promise<ImageInfo> {
  const resolved = path.resolve(file);
  const info: ImageInfo = { path: resolved, name: path.basename(resolved), ok: false };
  try {
    const real = await realpath(checked);
    const stats = await stat(real);
    if (!stats.isFile()) return { ...info, error: 'not a regular file' };
    info.bytes = stats.size;
    if (stats.size > MAX_INSPECT_BYTES) {
      return { ...info, error: `too large to inspect (${stats.size} bytes, limit ${MAX_INSPECT_BYTES})` };
    }
    const image = sharp(real, { failOn: 'error' });
    const meta = await image.metadata();
    const thumbnail = await image
      .clone()
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer();
    return {
      ...info,
      ok: true,
      width: meta.width,
      height: meta.height,
      format: meta.format,
      thumbnail: `data:image/png;base64,${thumbnail.toString('base64')}`,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ...info, error: 'no such file' };
    if (code === 'EACCES') return { ...info, error: 'permission denied' };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...info,
      error: /unsupported image format/i.test(message) ? 'unsupported image format' : message,
    };
  }
}

/** Opens the history, or (with `fallback`) a session history in memory and the reason the file could not be used. */
function openHistory(file: string, fallback: boolean): { store: HistoryBackend; status: HistoryStatus } {
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

/** A sweep or break-even spec from the GUI's request: exactly one workload, the rest as for a custom run. */
function buildScalingSpec(
  request: Omit<StartRunRequest, 'save'>,
  host: EngineHost,
  checkImage?: (file: string) => Promise<void>,
): Promise<SuiteSpec> {
  const scaling = request.scaling!;
  if (request.workloads?.length !== 1) {
    throw new SuiteOptionError(
      'workloads',
      'workloads: a sweep or break-even search takes exactly one workload',
    );
  }
  const common = {
    workload: request.workloads[0],
    ...(request.models ? { models: request.models } : {}),
    ...(request.memo ? { memo: request.memo } : {}),
    ...(request.kernel ? { kernel: request.kernel } : {}),
    ...(request.images ? { images: request.images } : {}),
    ...(request.reps !== undefined ? { reps: request.reps } : {}),
    ...(request.warmup !== undefined ? { warmup: request.warmup } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
  };
  if (scaling.kind === 'sweep') {
    return buildSweepSpec(
      {
        ...common,
        ...(scaling.workerCounts ? { workers: scaling.workerCounts } : {}),
        ...(scaling.weak ? { weak: true } : {}),
        ...(request.limit !== undefined ? { limit: request.limit } : {}),
        ...(request.size !== undefined ? { size: request.size } : {}),
      },
      host,
      checkImage,
    );
  }
  return buildBreakEvenSpec(
    {
      ...common,
      ...(request.workers !== undefined ? { workers: request.workers } : {}),
      ...(scaling.minSize !== undefined ? { minSize: scaling.minSize } : {}),
      ...(scaling.maxSize !== undefined ? { maxSize: scaling.maxSize } : {}),
    },
    host,
    checkImage,
  );
}
