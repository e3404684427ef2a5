// `cbench serve` as a user runs it: prints the address with its token, serves the page, and on Ctrl-C cancels
// the running suite and exits with no child process left behind.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ServerMessage } from '../../src/shared/wire.js';
import { request } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'bin', 'cbench.js');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cbench-serve-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; url: Promise<URL>; output: () => string } {
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stderr!.on('data', (c: Buffer) => (out += c));
  const url = new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      const match = /Concurrency Bench GUI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match) resolve(new URL(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { child, url, output: () => out };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const pairs = out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [child, ppid] of pairs) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('prints the URL with the token, serves the built page with it, and stops cleanly on Ctrl-C', async () => {
  const serve = startServe(['--port', '0', '--db', path.join(dir, 'a.db')]);
  const url = await serve.url;
  const token = url.searchParams.get('token')!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  const page = await request(Number(url.port), { path: `/?token=${token}` });
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect((await request(Number(url.port), { path: '/' })).status).toBe(403);
  serve.child.kill('SIGINT');
  expect(await exited(serve.child)).toBe(0);
});

test('a bad --port is a usage error naming the flag', async () => {
  const serve = startServe(['--port', '70000', '--db', path.join(dir, 'b.db')]);
  serve.url.catch(() => {});
  expect(await exited(serve.child)).toBe(2);
  expect(serve.output()).toMatch(/--port/);
});

test('Ctrl-C during a run cancels it and leaves no child process', async () => {
  const serve = startServe(['--port', '0', '--db', path.join(dir, 'c.db')]);
  const url = await serve.url;
  const token = url.searchParams.get('token')!;
  const ws = new WebSocket(`ws://127.0.0.1:${url.port}/ws?token=${token}&session=cli-test-session`, {
    origin: `http://127.0.0.1:${url.port}`,
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const messages: ServerMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  ws.send(
    JSON.stringify({
      type: 'invoke',
      id: 1,
      channel: 'run:start',
      payload: {
        suite: 'custom',
        workloads: ['primes'],
        models: ['processes', 'process-pool'],
        limit: 3_000_000,
        memo: ['off'],
        workers: 2,
        reps: 20,
        warmup: 0,
      },
    }),
  );
  // Wait until the run has child processes of its own.
  let children: number[] = [];
  for (let i = 0; i < 300 && children.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    if (messages.some((m) => m.type === 'result' && !m.ok)) throw new Error(JSON.stringify(messages));
    children = descendants(serve.child.pid!);
  }
  expect(children.length).toBeGreaterThan(0);
  serve.child.kill('SIGINT');
  expect(await exited(serve.child)).toBe(0);
  expect(children.filter(alive)).toEqual([]);
  expect(serve.output()).toMatch(/stopping/);
});

test('Ctrl-C right after the address is printed, while the backend still loads, closes cleanly', async () => {
  // A temp folder of its own: other test files start servers (and upload folders) at the same time.
  const tmp = await mkdtemp(path.join(dir, 'tmp-'));
  const serve = startServe(['--port', '0', '--db', path.join(dir, 'early-stop.db')], { TMPDIR: tmp });
  await serve.url;
  serve.child.kill('SIGINT');
  expect(await exited(serve.child)).toBe(0);
  expect(serve.output()).toMatch(/stopping/);
  // The upload folder made at start-up went with the server.
  expect((await readdir(tmp)).filter((name) => name.startsWith('cbench-serve-'))).toEqual([]);
});
