// The WebSocket bridge: IpcContract invocations in, results and throttled run events out. It checks the
// envelope (the service checks the payload) and turns every failure into an error reply, never a crash.
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { BenchService } from '../engine/service.js';
import type { IpcChannel, IpcError } from '../shared/ipc.js';
import type { RunEvent } from '../shared/results.js';
import type { InvokeMessage, ResultMessage, ServerMessage } from '../shared/wire.js';
import { ProgressThrottle } from './throttle.js';

/** Every channel of IpcContract; `satisfies` makes adding a channel to the contract fail here until it is listed. */
const CHANNELS = {
  'run:start': true,
  'run:cancel': true,
  'run:active': true,
  'history:list': true,
  'history:get': true,
  'history:compare': true,
  'history:export': true,
  'history:import': true,
  'history:delete': true,
  'history:report': true,
  'history:status': true,
  'machine:info': true,
  'machine:setLabel': true,
  'images:pick': true,
  'images:inspect': true,
} as const satisfies Record<IpcChannel, true>;

const ENVELOPE_KEYS = new Set(['type', 'id', 'channel', 'payload']);

export interface BridgeOptions {
  /** Still loading while the first page is served; calls wait for it. */
  service: Promise<BenchService>;
  /** Messages above this size get an error reply without being parsed. */
  maxMessageBytes: number;
  progressIntervalMs?: number;
  /** Told when a session's socket opens and closes (uploads live as long as their session). */
  onSessionOpen(sessionId: string): void;
  onSessionClose(sessionId: string): void;
}

export interface Bridge {
  /** Completes an already authorised upgrade request. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, sessionId: string): void;
  readonly clientCount: number;
  close(): Promise<void>;
}

/** Maps anything thrown by the service to wire data: its code when it has one, otherwise 'internal'. */
export function toIpcError(error: unknown, channel: string): IpcError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'bad-request' || code === 'not-found' || code === 'busy' || code === 'forbidden') {
    return { code, message };
  }
  // Stacks stay in the server's log; the page gets the message only.
  console.error(`cbench serve: ${channel} failed:`, error);
  return { code: 'internal', message: `internal error in ${channel}: ${message}` };
}

type Envelope = { ok: true; message: InvokeMessage } | { ok: false; id: number | null; message: string };

/** Reads and checks one text frame's envelope; the payload is left to the service's validation. */
export function parseEnvelope(text: string): Envelope {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, id: null, message: `message is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, id: null, message: 'message must be a JSON object {type, id, channel, payload}' };
  }
  const record = data as Record<string, unknown>;
  const id =
    typeof record.id === 'number' && Number.isSafeInteger(record.id) && record.id >= 0 ? record.id : null;
  if (id === null) {
    return {
      ok: false,
      id: null,
      message: `id must be a non-negative integer, got ${JSON.stringify(record.id)}`,
    };
  }
  if (record.type !== 'invoke') {
    return {
      ok: false,
      id,
      message: `unknown message type ${JSON.stringify(record.type)} (expected "invoke")`,
    };
  }
  const extra = Object.keys(record).filter((key) => !ENVELOPE_KEYS.has(key));
  if (extra.length > 0) return { ok: false, id, message: `unknown envelope field(s): ${extra.join(', ')}` };
  if (typeof record.channel !== 'string' || !Object.hasOwn(CHANNELS, record.channel)) {
    return {
      ok: false,
      id,
      message: `unknown channel ${JSON.stringify(record.channel)}; expected one of ${Object.keys(CHANNELS).join(', ')}`,
    };
  }
  return {
    ok: true,
    message: { type: 'invoke', id, channel: record.channel as IpcChannel, payload: record.payload as never },
  };
}

export function createBridge(options: BridgeOptions): Bridge {
  const { service, maxMessageBytes } = options;
  // ws itself drops a socket above maxPayload; leave headroom so moderately oversized messages get a reply.
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes * 2 + 1024 });
  const throttles = new Set<ProgressThrottle>();
  let unsubscribe: (() => void) | null = null;
  let closed = false;
  service.then(
    (ready) => {
      if (closed) return;
      unsubscribe = ready.onRunEvent((event: RunEvent) => {
        for (const throttle of throttles) throttle.push(event);
      });
    },
    // Reported by startServer's `ready`; each call then answers with the reason.
    () => {},
  );

  function send(ws: WebSocket, message: ServerMessage): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  async function answer(ws: WebSocket, sessionId: string, data: RawData, isBinary: boolean): Promise<void> {
    const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    const fail = (id: number | null, code: IpcError['code'], message: string): void =>
      send(ws, { type: 'result', id, ok: false, error: { code, message } });
    if (isBinary) return fail(null, 'bad-request', 'binary messages are not accepted; send JSON text');
    if (bytes > maxMessageBytes) {
      return fail(
        null,
        'bad-request',
        `message of ${bytes} bytes exceeds the limit of ${maxMessageBytes} bytes`,
      );
    }
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data as Buffer).toString('utf8');
    const envelope = parseEnvelope(text);
    if (!envelope.ok) return fail(envelope.id, 'bad-request', envelope.message);
    const { id, channel, payload } = envelope.message;
    let reply: ResultMessage;
    try {
      // The session is the scope of the path policy: a page may name its own uploads, not another's.
      const value = await (await service).handle(channel, payload, sessionId);
      reply = { type: 'result', id, ok: true, value };
    } catch (error) {
      reply = { type: 'result', id, ok: false, error: toIpcError(error, channel) };
    }
    send(ws, reply);
  }

  return {
    accept(req, socket, head, sessionId) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        const throttle = new ProgressThrottle(
          (event) => send(ws, { type: 'push', channel: 'run:event', payload: event }),
          options.progressIntervalMs,
        );
        throttles.add(throttle);
        options.onSessionOpen(sessionId);
        ws.on('message', (data, isBinary) => {
          answer(ws, sessionId, data, isBinary).catch((error: unknown) => {
            console.error('cbench serve: could not answer a message:', error);
          });
        });
        ws.on('error', () => ws.terminate());
        ws.once('close', () => {
          throttle.close();
          throttles.delete(throttle);
          options.onSessionClose(sessionId);
        });
      });
    },
    get clientCount() {
      return wss.clients.size;
    },
    async close() {
      closed = true;
      unsubscribe?.();
      for (const ws of wss.clients) ws.close(1001, 'server closing');
      await new Promise<void>((resolve) => {
        // Clients that do not finish the closing handshake promptly are cut off.
        const timer = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1_000);
        wss.close(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
