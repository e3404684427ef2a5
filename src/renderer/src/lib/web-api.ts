// BenchApi in a browser: the IpcContract over the WebSocket of `cbench serve`, reconnecting with backoff,
// and dropped files uploaded over HTTP. The token and the session id live in sessionStorage.
import type { BenchApi, IpcChannel, IpcRequest, IpcResponse, StartRunRequest } from '../../../shared/ipc.js';
import type { RunEvent } from '../../../shared/results.js';
import type { HistoryFilter } from '../../../shared/history.js';
import {
  WIRE_NAMES,
  type InvokeMessage,
  type ServerMessage,
  type UploadResponse,
} from '../../../shared/wire.js';
import { ApiError } from './api-error.js';
import { errorMessage, sessionId, takeToken } from './web-session.js';

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5_000;
/** How long a call waits for the socket to (re)connect before it is given up. */
const OFFLINE_GIVE_UP_MS = 15_000;

interface Pending {
  channel: IpcChannel;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** BenchApi over the `cbench serve` WebSocket bridge, with uploads for dropped files. */
export class WebApi implements BenchApi {
  readonly mode = 'web' as const;
  // Outside a page (unit tests under Node) nothing is read until first use.
  private tokenValue: string | null | undefined;
  private sessionValue: string | undefined;

  constructor() {
    // In a page, take the token out of the address bar at once (before it is bookmarked or shared).
    if (typeof window !== 'undefined') this.tokenValue = takeToken();
  }
  private socket: WebSocket | null = null;
  private open = false;
  /** Refused for good (bad token): no more reconnecting. */
  private refused: Error | null = null;
  private retryMs = RETRY_FIRST_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  /** Sent, awaiting their result. */
  private readonly inFlight = new Map<number, Pending>();
  /** Waiting for the socket to open. */
  private readonly queued: {
    message: InvokeMessage;
    pending: Pending;
    giveUp: ReturnType<typeof setTimeout>;
  }[] = [];
  private readonly listeners = new Set<(event: RunEvent) => void>();

  startRun(req: StartRunRequest) {
    return this.invoke('run:start', req);
  }
  cancelRun(runId: string) {
    return this.invoke('run:cancel', { runId });
  }
  activeRun() {
    return this.invoke('run:active', undefined);
  }
  listRuns(filter: HistoryFilter) {
    return this.invoke('history:list', filter);
  }
  getRun(runId: string) {
    return this.invoke('history:get', { runId });
  }
  compareRuns(runIds: string[]) {
    return this.invoke('history:compare', { runIds });
  }
  exportRuns(runIds: string[]) {
    return this.invoke('history:export', { runIds });
  }
  importBundle(json: string, name?: string) {
    return this.invoke('history:import', name === undefined ? { json } : { json, name });
  }
  deleteRuns(runIds: string[]) {
    return this.invoke('history:delete', { runIds });
  }
  reportRuns(runIds: string[]) {
    return this.invoke('history:report', { runIds });
  }
  historyStatus() {
    return this.invoke('history:status', undefined);
  }
  machineInfo() {
    return this.invoke('machine:info', undefined);
  }
  setMachineLabel(label: string) {
    return this.invoke('machine:setLabel', { label });
  }
  pickImages() {
    return this.invoke('images:pick', undefined);
  }
  inspectImages(paths: string[]) {
    return this.invoke('images:inspect', { paths });
  }

  onRunEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    // Subscribing is a reason to be connected: pushes only reach an open socket.
    this.connect();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Uploads the files one after another (bounded disk and memory use) and returns their server paths. */
  async pathsForFiles(files: File[]): Promise<string[]> {
    const token = this.requireToken();
    const paths: string[] = [];
    for (const file of files) {
      const url = `${WIRE_NAMES.uploadPath}?${WIRE_NAMES.nameParam}=${encodeURIComponent(file.name)}`;
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          [WIRE_NAMES.tokenHeader]: token,
          [WIRE_NAMES.sessionHeader]: this.session,
          'content-type': 'application/octet-stream',
        },
        body: file,
      });
      if (!response.ok) {
        const message = await errorMessage(response);
        throw new Error(`upload of "${file.name}" failed: ${message}`);
      }
      const body = (await response.json()) as UploadResponse;
      paths.push(body.path);
    }
    return paths;
  }

  private get token(): string | null {
    if (this.tokenValue === undefined) this.tokenValue = takeToken();
    return this.tokenValue;
  }

  private get session(): string {
    this.sessionValue ??= sessionId();
    return this.sessionValue;
  }

  private requireToken(): string {
    if (!this.token) {
      throw new Error(
        'no access token: open the address printed by `cbench serve` (it ends with ?token=...)',
      );
    }
    return this.token;
  }

  private invoke<C extends IpcChannel>(channel: C, payload: IpcRequest<C>): Promise<IpcResponse<C>> {
    return new Promise<IpcResponse<C>>((resolve, reject) => {
      if (this.refused) return reject(this.refused);
      try {
        this.requireToken();
      } catch (error) {
        return reject(error as Error);
      }
      const message: InvokeMessage = { type: 'invoke', id: this.nextId++, channel, payload };
      const pending: Pending = { channel, resolve: resolve as (value: unknown) => void, reject };
      if (this.open && this.socket) {
        this.send(message, pending);
      } else {
        const giveUp = setTimeout(() => {
          const index = this.queued.findIndex((q) => q.message === message);
          if (index >= 0) this.queued.splice(index, 1);
          reject(
            new Error(`cbench serve is not reachable (waited ${OFFLINE_GIVE_UP_MS / 1000} s for ${channel})`),
          );
        }, OFFLINE_GIVE_UP_MS);
        this.queued.push({ message, pending, giveUp });
        this.connect();
      }
    });
  }

  private send(message: InvokeMessage, pending: Pending): void {
    this.inFlight.set(message.id, pending);
    this.socket!.send(JSON.stringify(message));
  }

  private connect(): void {
    if (this.socket || this.retryTimer || this.refused || !this.token) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = `${WIRE_NAMES.tokenParam}=${encodeURIComponent(this.token)}&${WIRE_NAMES.sessionParam}=${encodeURIComponent(this.session)}`;
    const socket = new WebSocket(`${scheme}//${location.host}${WIRE_NAMES.socketPath}?${query}`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.open = true;
      this.retryMs = RETRY_FIRST_MS;
      for (const { message, pending, giveUp } of this.queued.splice(0)) {
        clearTimeout(giveUp);
        this.send(message, pending);
      }
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      const wasOpen = this.open;
      this.socket = null;
      this.open = false;
      // A call sent on the lost socket may or may not have run; only the caller can decide to retry it.
      for (const [, pending] of this.inFlight) {
        pending.reject(new Error(`connection to cbench serve lost while waiting for ${pending.channel}`));
      }
      this.inFlight.clear();
      if (wasOpen) this.scheduleReconnect();
      else void this.checkRefused();
    });
  }

  /** A socket that never opened: a wrong token ends the attempts with a clear error, anything else retries. */
  private async checkRefused(): Promise<void> {
    try {
      const response = await fetch(WIRE_NAMES.sessionCheckPath, {
        headers: { [WIRE_NAMES.tokenHeader]: this.token ?? '' },
      });
      if (response.status === 403) {
        this.refused = new Error(
          `cbench serve refused the access token (${await errorMessage(response)}); open the address it printed`,
        );
        for (const { pending, giveUp } of this.queued.splice(0)) {
          clearTimeout(giveUp);
          pending.reject(this.refused);
        }
        return;
      }
    } catch {
      // Server unreachable: keep retrying with backoff.
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.refused) return;
    if (this.queued.length === 0 && this.listeners.size === 0) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    const message = JSON.parse(data) as ServerMessage;
    if (message.type === 'push') {
      for (const listener of this.listeners) {
        // One faulty subscriber must not starve the others of run events.
        try {
          listener(message.payload);
        } catch (error) {
          console.error('a run-event listener failed:', error);
        }
      }
      return;
    }
    if (message.id === null) {
      // The server could not read an id from something we sent: a bug on this side, worth seeing.
      console.warn(`cbench serve: ${message.ok ? 'unexpected reply' : message.error.message}`);
      return;
    }
    const pending = this.inFlight.get(message.id);
    if (!pending) return;
    this.inFlight.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new ApiError(message.error));
  }
}
