// The WebSocket and upload wire format of `cbench serve` (src/server), spoken by the renderer's lib/api.ts.
// It carries the IpcContract unchanged: one envelope per invocation, correlated by id, plus run-event pushes.
import type { IpcChannel, IpcError, IpcRequest, IpcResponse, PushChannel, PushContract } from './ipc.js';

/** Browser -> server: one call of one IpcContract channel. */
export interface InvokeMessage<C extends IpcChannel = IpcChannel> {
  type: 'invoke';
  /** Chosen by the client, echoed in the reply; unique among its calls in flight. */
  id: number;
  channel: C;
  payload: IpcRequest<C>;
}

export type ClientMessage = InvokeMessage;

/** Server -> browser: the answer to one invocation. `id` is null when the envelope itself had no usable id. */
export type ResultMessage<C extends IpcChannel = IpcChannel> =
  | { type: 'result'; id: number | null; ok: true; value: IpcResponse<C> }
  | { type: 'result'; id: number | null; ok: false; error: IpcError };

/** Server -> browser: an event nobody asked for (run progress, results, done). */
export interface PushMessage<P extends PushChannel = PushChannel> {
  type: 'push';
  channel: P;
  payload: PushContract[P];
}

export type ServerMessage = ResultMessage | PushMessage;

/** Reply of POST /upload: where the server stored the bytes. */
export interface UploadResponse {
  /** Absolute server-side path, usable in run:start `images` and images:inspect `paths`. */
  path: string;
  /** The sanitised file name actually used. */
  name: string;
  bytes: number;
}

/** Reply of a refused HTTP request (4xx/5xx) from the server, as JSON. */
export interface HttpErrorBody {
  error: IpcError;
}

/** Fixed names of the wire, as literal types, so a change to one name is a change to the contract. */
export interface WireNames {
  socketPath: '/ws';
  uploadPath: '/upload';
  /** Lets the page tell a refused token from a server that is down (a failed WebSocket says neither). */
  sessionCheckPath: '/api/session';
  /** Query parameter carrying the token on the page URL and on the socket URL. */
  tokenParam: 'token';
  /** Query parameter of the socket URL naming the browser session (uploads are grouped and removed per session). */
  sessionParam: 'session';
  /** Request headers of POST /upload: the token and the session, carried explicitly (never by cookie alone). */
  tokenHeader: 'x-cbench-token';
  sessionHeader: 'x-cbench-session';
  /** Query parameter of POST /upload: the file's original name. */
  nameParam: 'name';
}

/** The names themselves, defined once for the server (src/server) and the page (renderer lib/web-api.ts). */
export const WIRE_NAMES: WireNames = {
  socketPath: '/ws',
  uploadPath: '/upload',
  sessionCheckPath: '/api/session',
  tokenParam: 'token',
  sessionParam: 'session',
  tokenHeader: 'x-cbench-token',
  sessionHeader: 'x-cbench-session',
  nameParam: 'name',
};
