// Shared set-up for the server tests: a real server on loopback over a real SQLite file in a temp folder, a
// small renderer folder of its own (so these tests do not depend on the GUI build), and a real ws client.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.js';
import type { IpcChannel, IpcError, IpcResponse } from '../../src/shared/ipc.js';
import type { RunEvent } from '../../src/shared/results.js';
import type { ServerMessage } from '../../src/shared/wire.js';

export interface TestServer {
  /** Replaceable, for tests that restart the server on the same port. */
  server: RunningServer;
  /** Temp folder holding the db, the renderer and a file outside the renderer (traversal target). */
  dir: string;
  rendererDir: string;
  secretFile: string;
  dispose(): Promise<void>;
}

export const SECRET = 'not-for-the-browser';

export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cbench-server-test-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  await writeFile(path.join(rendererDir, 'assets', 'style.css'), 'body { margin: 0 }\n');
  const secretFile = path.join(dir, 'secret.txt');
  await writeFile(secretFile, SECRET);
  const server = await startServer({ dbPath: path.join(dir, 'history.db'), rendererDir, ...options });
  await server.ready;
  const handle: TestServer = {
    server,
    dir,
    rendererDir,
    secretFile,
    async dispose() {
      await this.server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A plain HTTP request with full control of the path and headers (fetch would normalise `..` and Host). */
export function request(
  port: number,
  options: { method?: string; path: string; headers?: http.OutgoingHttpHeaders; body?: Buffer | string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export const SESSION = 'test-session-0001';

export interface SocketOptions {
  token?: string | null;
  origin?: string | null;
  session?: string | null;
  host?: string;
}

/** Opens a socket; resolves with it once open, or with the HTTP status that refused the upgrade. */
export function openSocket(
  server: RunningServer,
  options: SocketOptions = {},
): Promise<{ ws: WebSocket; status: null } | { ws: null; status: number }> {
  const token = options.token === undefined ? server.token : options.token;
  const session = options.session === undefined ? SESSION : options.session;
  const query = new URLSearchParams();
  if (token !== null) query.set('token', token);
  if (session !== null) query.set('session', session);
  const origin = options.origin === undefined ? server.origin : options.origin;
  const headers: Record<string, string> = {};
  if (options.host) headers.host = options.host;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?${query}`, {
    ...(origin === null ? {} : { origin }),
    headers,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, status: null }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ ws: null, status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

/** Collects every server message a socket receives. */
export class Client {
  readonly messages: ServerMessage[] = [];
  readonly pushes: { atMs: number; event: RunEvent }[] = [];
  private nextId = 1;
  private readonly waiters = new Map<number, (message: ServerMessage) => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      this.messages.push(message);
      if (message.type === 'push') this.pushes.push({ atMs: performance.now(), event: message.payload });
      else if (message.id !== null) this.waiters.get(message.id)?.(message);
    });
  }

  static async open(server: RunningServer): Promise<Client> {
    const opened = await openSocket(server);
    if (!opened.ws) throw new Error(`socket refused with HTTP ${opened.status}`);
    return new Client(opened.ws);
  }

  /** Sends raw text and waits for the next result message. */
  sendRaw(data: string | Buffer, binary = false): Promise<ServerMessage> {
    const before = this.messages.length;
    this.ws.send(data, { binary });
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = (): void => {
        const reply = this.messages.slice(before).find((m) => m.type === 'result');
        if (reply) return resolve(reply);
        if (Date.now() - started > 10_000) return reject(new Error('no reply within 10 s'));
        setTimeout(poll, 5);
      };
      poll();
    });
  }

  /** Invokes a channel; resolves with the value or rejects with the IpcError. */
  invoke<C extends IpcChannel>(channel: C, payload?: unknown): Promise<IpcResponse<C>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiters.set(id, (message) => {
        this.waiters.delete(id);
        if (message.type !== 'result') return;
        if (message.ok) resolve(message.value as IpcResponse<C>);
        else reject(Object.assign(new Error(message.error.message), { ipc: message.error }));
      });
      this.ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
    });
  }

  /** Resolves when a push satisfying `predicate` has arrived (or already has). */
  waitForPush(predicate: (event: RunEvent) => boolean, timeoutMs = 60_000): Promise<RunEvent> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = (): void => {
        const found = this.pushes.find((p) => predicate(p.event));
        if (found) return resolve(found.event);
        if (Date.now() - started > timeoutMs) return reject(new Error('expected push did not arrive'));
        setTimeout(poll, 10);
      };
      poll();
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

export function ipcErrorOf(error: unknown): IpcError {
  return (error as { ipc: IpcError }).ipc;
}
