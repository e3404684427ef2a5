// Drives the built desktop shell (out/main + out/preload on the stubbed electron) in a process of its own,
// like Electron's main process: orders go over the IPC channel to tests/main/harness/main-process.mjs.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchApi } from '../../../src/shared/ipc.js';
import type { RunEvent } from '../../../src/shared/results.js';

const HARNESS = fileURLToPath(new URL('../harness/main-process.mjs', import.meta.url));

export interface Push {
  atMs: number;
  event: RunEvent;
}

type ApiMethod = Exclude<keyof BenchApi, 'mode' | 'onRunEvent' | 'pathsForFiles'>;

interface Reply {
  type: 'reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string };
}

type HarnessMessage =
  | Reply
  | { type: 'ready'; pid: number; url: string }
  | { type: 'push'; atMs: number; event: RunEvent }
  | { type: 'spawn'; pid: number; name: string }
  | { type: 'exiting'; code: number; aliveChildren: number[] };

/** True while a process with this pid exists (and is not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A zombie still answers kill(0); it is gone for every purpose that matters here.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state !== 'Z';
  } catch {
    return true;
  }
}

export class ShellProcess {
  readonly pushes: Push[] = [];
  readonly spawnedPids: number[] = [];
  /** What the shell reported as it exited through app.exit: its code and the children still running then. */
  exiting: { code: number; aliveChildren: number[] } | null = null;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly dir: string;
  readonly dbPath: string;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  private output = '';
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  private constructor(
    private readonly child: ChildProcess,
    dir: string,
    dbPath: string,
  ) {
    this.dir = dir;
    this.dbPath = dbPath;
    const collect = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('message', (message: HarnessMessage) => this.receive(message));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        for (const { reject } of this.pending.values()) {
          reject(new Error(`the shell process exited (code ${code}, signal ${signal}):\n${this.output}`));
        }
        this.pending.clear();
        this.notify();
        resolve({ code, signal });
      });
    });
  }

  /** Starts the shell with a temp folder (fresh unless `dir` is given) holding its database and user data. */
  static async start(options: { dir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ShellProcess> {
    const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'cbench-shell-'));
    const dbPath = path.join(dir, 'history.sqlite');
    const child = fork(HARNESS, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        CBENCH_DB: dbPath,
        CBENCH_STUB_USERDATA: path.join(dir, 'userData'),
        ...options.env,
      },
    });
    const shell = new ShellProcess(child, dir, dbPath);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: HarnessMessage): void => {
        if (message.type === 'ready') {
          child.off('message', onMessage);
          resolve();
        }
      };
      child.on('message', onMessage);
      void shell.exited.then(({ code }) =>
        reject(new Error(`the shell exited (code ${code}) before it was ready:\n${shell.output}`)),
      );
    });
    return shell;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get log(): string {
    return this.output;
  }

  get hasExited(): boolean {
    return this.exitInfo !== null;
  }

  private receive(message: HarnessMessage): void {
    if (message.type === 'reply') {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(Object.assign(new Error(message.error?.message), { name: message.error?.name }));
    } else if (message.type === 'push') {
      this.pushes.push({ atMs: message.atMs, event: message.event });
    } else if (message.type === 'spawn') {
      this.spawnedPids.push(message.pid);
    } else if (message.type === 'exiting') {
      this.exiting = { code: message.code, aliveChildren: message.aliveChildren };
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Sends one order to the harness (see its `orders` table) and resolves with its answer. */
  order<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.exitInfo) return Promise.reject(new Error(`the shell has exited:\n${this.output}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, op, args });
    });
  }

  /** Calls window.api.<method> in the page, through the real preload and the real main handlers. */
  api<T>(method: ApiMethod, ...args: unknown[]): Promise<T> {
    return this.order<T>('api', { method, args });
  }

  /** Resolves when `check` returns a value other than undefined, re-checked on every harness message. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = (): boolean => {
        const value = check();
        if (value === undefined) return false;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const listener = (): void => {
        if (!attempt() && this.exitInfo) {
          this.listeners.delete(listener);
          clearTimeout(timer);
          reject(new Error(`the shell exited while waiting for ${what}:\n${this.output}`));
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(
          new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${this.output.slice(-4000)}`),
        );
      }, timeoutMs);
      this.listeners.add(listener);
      attempt();
    });
  }

  events<T extends RunEvent['type']>(type: T): Array<Extract<RunEvent, { type: T }>> {
    return this.pushes
      .map((push) => push.event)
      .filter((event): event is Extract<RunEvent, { type: T }> => event.type === type);
  }

  /** Quits the app the way a user does and waits for the process to end; kills it if it hangs. */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (!this.exitInfo) {
      await this.order('quit').catch(() => {});
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      await this.exited;
      clearTimeout(timer);
    }
    for (const pid of this.spawnedPids) {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }

  /** Stops the shell and removes its temp folder. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
