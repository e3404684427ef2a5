// The three ways a page can abuse uploads, with the default size caps: a 2 GB file (refused from its
// declared size, or cut off at the cap while streaming, never buffered), more tiny files than a session may
// hold (refused with a clear error past the count cap), and a sender that stops halfway (cut off after the
// idle timeout). Each is answered with a clear error, and the temp folder ends empty.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS } from '../../src/server/uploads.js';
import { openSocket, request, SESSION, startTestServer, type TestServer } from './helpers.js';

const TWO_GB = 2 * 1024 ** 3;
const IDLE_MS = 300;
const GRACE_MS = 200;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ uploadLimits: { idleMs: IDLE_MS, graceMs: GRACE_MS } });
});
afterAll(() => t.dispose());

const headers = (session = SESSION) => ({ 'x-cbench-token': t.server.token, 'x-cbench-session': session });

/** Files below `dir`; while the server is removing folders a listing can fail, which counts as not empty. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return ['(being removed)'];
  }
}

async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends raw HTTP and resolves with the status line and body of the reply (or what arrived before close). */
function rawUpload(
  head: string,
  write: (socket: net.Socket) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(t.server.port, '127.0.0.1', () => {
      socket.write(head);
      write(socket);
    });
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(reply)?.[1] ?? 0);
      resolve({ status, body: reply.slice(reply.indexOf('\r\n\r\n') + 4) });
    });
  });
}

const uploadHead = (name: string, extra: string) =>
  `POST /upload?name=${name} HTTP/1.1\r\nHost: 127.0.0.1:${t.server.port}\r\n` +
  `x-cbench-token: ${t.server.token}\r\nx-cbench-session: ${SESSION}\r\n${extra}\r\n`;

test('a 2 GB upload declared by Content-Length is refused before a byte is read', async () => {
  const reply = await rawUpload(uploadHead('huge.png', `Content-Length: ${TWO_GB}\r\n`), () => {});
  expect(reply.status).toBe(413);
  expect(JSON.parse(reply.body).error.message).toBe('"huge.png" is 2048 MB; the limit is 64 MB per file');
  expect(await filesUnder(t.server.uploadRoot!)).toEqual([]);
});

test('a 2 GB upload streamed without a size is cut off at the cap, not buffered', async () => {
  const chunk = Buffer.alloc(256 * 1024, 1);
  let pulled = 0;
  // Lazily made: only what the server actually reads is ever produced.
  const body = new Readable({
    read() {
      if (pulled >= TWO_GB) return this.push(null);
      pulled += chunk.length;
      this.push(chunk);
    },
  });
  const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: t.server.port,
        method: 'POST',
        path: '/upload?name=stream.png',
        headers: { ...headers(), 'transfer-encoding': 'chunked' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', () => {}); // the server drops the connection after answering
    body.pipe(req);
  });
  body.destroy();
  expect(reply.status).toBe(413);
  expect(JSON.parse(reply.text).error.message).toMatch(/"stream.png" is larger than the limit of 64 MB/);
  // Back-pressure: the server read little past the cap (socket buffers), nowhere near 2 GB.
  expect(pulled).toBeLessThan(DEFAULT_UPLOAD_LIMITS.maxFileBytes + 32 * 1024 ** 2);
  await until(async () => (await filesUnder(t.server.uploadRoot!)).length === 0, 'the partial file to go');
});

test('an upload that stops halfway is cut off after the idle timeout and its partial file removed', async () => {
  const started = Date.now();
  const reply = await rawUpload(uploadHead('slow.png', 'Content-Length: 1000\r\n'), (socket) => {
    socket.write(Buffer.alloc(500, 2));
  });
  expect(reply.status).toBe(408);
  expect(JSON.parse(reply.body).error.message).toBe(
    `upload of "slow.png" stopped after 500 bytes: nothing arrived for ${IDLE_MS} ms`,
  );
  expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS);
  await until(async () => (await filesUnder(t.server.uploadRoot!)).length === 0, 'the partial file to go');
});

test('a sender that vanishes halfway leaves no partial file', async () => {
  await rawUpload(uploadHead('gone.png', 'Content-Length: 1000\r\n'), (socket) => {
    socket.write(Buffer.alloc(500, 3), () => socket.destroy());
  });
  await until(async () => (await filesUnder(t.server.uploadRoot!)).length === 0, 'the partial file to go');
});

test('past the per-session file count, tiny uploads are refused by name; all gone after the session', async () => {
  const session = 'tiny-files-session';
  const opened = await openSocket(t.server, { session });
  const max = DEFAULT_UPLOAD_LIMITS.maxSessionFiles;
  const statuses: number[] = [];
  let refusal = '';
  for (let i = 1; i <= max + 20; i++) {
    const res = await request(t.server.port, {
      method: 'POST',
      path: `/upload?name=t${i}.png`,
      headers: headers(session),
      body: Buffer.from([i % 256]),
    });
    statuses.push(res.status);
    if (res.status !== 200 && !refusal) refusal = JSON.parse(res.body).error.message;
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(max);
  expect(statuses.slice(max)).toEqual(Array.from({ length: 20 }, () => 413));
  expect(refusal).toBe(
    `"t${max + 1}.png": this session already holds ${max} files, the limit (reload the page to start afresh)`,
  );
  expect(await filesUnder(t.server.uploadRoot!)).toHaveLength(max);
  opened.ws!.close();
  await until(async () => (await filesUnder(t.server.uploadRoot!)).length === 0, 'the session files to go');
}, 120_000);
