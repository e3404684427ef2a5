#!/usr/bin/env node
// Long-session soak: 50 quick runs through one `cbench serve` over its WebSocket, as the GUI drives it.
// After each run (once its `done` event has arrived) prints the server's RSS, open file descriptors
// (/proc/PID/fd), live descendant processes (/proc/*/stat ppid), threads (/proc/PID/task), and the main
// isolate's JS heap after its latest full GC (from --trace-gc: RSS alone cannot tell a leak of objects from
// the allocator keeping freed pages of worker isolates). Target:
// after the first WARMUP runs nothing grows beyond a small bound, and no child process outlives its run.
// Linux only (reads /proc). Needs `npm run build` (dist/ and out/renderer).
// Usage: node bench/soak.mjs [--runs 50]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 50;
const WARMUP = Math.min(5, RUNS);
/** Growth allowed from the end of the warm-up to the last run. */
const BOUND = { rssMb: 40, fds: 4, threads: 4 };
/** Every model, so process and thread start-up and teardown are exercised on each run; a small input. */
const RUN = {
  suite: 'quick',
  workloads: ['primes'],
  memo: ['off'],
  models: [
    'sequential',
    'async',
    'worker-threads',
    'worker-pool',
    'processes',
    'process-pool',
    'shared-memory',
  ],
  limit: 20_000,
  workers: 2,
  reps: 1,
  warmup: 0,
  save: true,
};

async function serve(dbPath) {
  const child = spawn(
    process.execPath,
    ['--trace-gc', 'bin/cbench.js', 'serve', '--port', '0', '--db', dbPath],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
  const gc = { isolate: null, heapAfterGcMb: null };
  let pending = '';
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c) => {
      if (out !== null) {
        out += c;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
        if (m) {
          out = null;
          resolve(new URL(m[1]));
        }
      }
      // "[pid:0xISOLATE]  1234 ms: Mark-Compact 20.1 (24.0) -> 15.3 (25.0) MB, ..." (the first isolate is main)
      const lines = (pending + c).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const m = /^\[(\d+):(0x[0-9a-f]+)\].*Mark-Compact[^>]*-> ([\d.]+) \(/.exec(line);
        if (!m || Number(m[1]) !== child.pid) continue;
        gc.isolate ??= m[2];
        if (m[2] === gc.isolate) gc.heapAfterGcMb = Number(m[3]);
      }
    });
    child.once('exit', (code) => reject(new Error(`cbench serve exited (${code}): ${err}`)));
  });
  return { child, url, gc };
}

function connect(url) {
  const session = randomUUID();
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}&session=${session}`, {
    origin: url.origin,
  });
  const waiters = new Map();
  const pushListeners = new Set();
  let nextId = 1;
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'push') for (const listener of pushListeners) listener(message.payload);
    else waiters.get(message.id)?.(message);
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        invoke(channel, payload) {
          const id = nextId++;
          return new Promise((done, fail) => {
            waiters.set(id, (m) => {
              waiters.delete(id);
              if (m.ok) done(m.value);
              else fail(new Error(`${channel}: ${m.error.code}: ${m.error.message}`));
            });
            ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
          });
        },
        onPush(listener) {
          pushListeners.add(listener);
          return () => pushListeners.delete(listener);
        },
        close: () => ws.close(),
      }),
    );
  });
}

async function statsOf(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fds = (await readdir(`/proc/${pid}/fd`)).length;
  const threads = (await readdir(`/proc/${pid}/task`)).length;
  return { rssMb: Math.round(rssKb / 102.4) / 10, fds, threads, children: (await descendants(pid)).length };
}

/** Every live process below `pid`, from the ppid field of /proc/N/stat. */
async function descendants(pid) {
  const parents = new Map();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    // The command name may hold spaces and parentheses: fields resume after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') continue;
    parents.set(Number(entry), Number(fields[1]));
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Waits for the children of a finished run to go (they are told to exit when `done` is sent). */
async function settledStats(pid, timeoutMs = 10_000) {
  const started = Date.now();
  for (;;) {
    const stats = await statsOf(pid);
    if (stats.children === 0 || Date.now() - started > timeoutMs) {
      return { ...stats, settleMs: Date.now() - started };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'cbench-soak-'));
const loadBefore = os.loadavg();
const { child, url, gc } = await serve(path.join(dir, 'history.sqlite'));
const client = await connect(url);
const pid = child.pid;
const samples = [{ run: 0, ...(await statsOf(pid)), settleMs: 0, wallMs: 0 }];
try {
  for (let run = 1; run <= RUNS; run++) {
    const started = performance.now();
    let runId = null;
    const early = [];
    const finished = new Promise((resolve) => {
      const off = client.onPush((event) => {
        if (event.type !== 'done') return;
        if (runId === null) early.push(event);
        else if (event.runId === runId) {
          off();
          resolve(event);
        }
      });
    });
    ({ runId } = await client.invoke('run:start', RUN));
    const done = early.find((e) => e.runId === runId) ?? (await finished);
    if (done.status !== 'completed') throw new Error(`run ${run} ended ${done.status}`);
    const wallMs = Math.round(performance.now() - started);
    samples.push({ run, ...(await settledStats(pid)), heapAfterGcMb: gc.heapAfterGcMb, wallMs });
    process.stderr.write(`run ${run}/${RUNS}: ${JSON.stringify(samples.at(-1))}\n`);
  }
} finally {
  client.close();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await rm(dir, { recursive: true, force: true });
}

const base = samples[WARMUP];
const last = samples.at(-1);
const growth = {
  rssMb: Math.round((Math.max(...samples.slice(WARMUP).map((s) => s.rssMb)) - base.rssMb) * 10) / 10,
  fds: Math.max(...samples.slice(WARMUP).map((s) => s.fds)) - base.fds,
  threads: Math.max(...samples.slice(WARMUP).map((s) => s.threads)) - base.threads,
  heapAfterGcMb:
    last.heapAfterGcMb !== null && base.heapAfterGcMb !== null
      ? Math.round((last.heapAfterGcMb - base.heapAfterGcMb) * 10) / 10
      : null,
};
const childrenBetweenRuns = Math.max(...samples.slice(1).map((s) => s.children));
const ok =
  growth.rssMb <= BOUND.rssMb &&
  growth.fds <= BOUND.fds &&
  growth.threads <= BOUND.threads &&
  childrenBetweenRuns === 0;
const report = {
  runs: RUNS,
  request: RUN,
  warmupRuns: WARMUP,
  bound: { ...BOUND, childrenBetweenRuns: 0 },
  start: samples[0],
  afterWarmup: base,
  end: last,
  growthAfterWarmup: growth,
  childrenBetweenRuns,
  ok,
  load: { before: loadBefore, after: os.loadavg(), cpus: os.availableParallelism() },
  samples,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exitCode = ok ? 0 : 1;
