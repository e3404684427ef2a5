// Uploads are capped per file and per session (413 with a clear message, partial file removed), and every
// uploaded file is gone once the server closes.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import http from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { request, SESSION, startTestServer, type TestServer } from './helpers.js';

const MAX_FILE = 1000;
const MAX_SESSION = 2500;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ uploadLimits: { maxFileBytes: MAX_FILE, maxSessionBytes: MAX_SESSION } });
});
afterAll(() => t.dispose());

function upload(name: string, body: Buffer, session = SESSION) {
  return request(t.server.port, {
    method: 'POST',
    path: `/upload?name=${encodeURIComponent(name)}`,
    headers: { 'x-cbench-token': t.server.token, 'x-cbench-session': session, origin: t.server.origin },
    body,
  });
}

/** An upload whose size is not declared up front (chunked), so the cap must be enforced while streaming. */
function chunkedUpload(name: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: t.server.port,
        method: 'POST',
        path: `/upload?name=${name}`,
        headers: {
          'x-cbench-token': t.server.token,
          'x-cbench-session': SESSION,
          'transfer-encoding': 'chunked',
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    const chunks = Array.from({ length: Math.ceil(bytes / 100) }, () => Buffer.alloc(100, 7));
    Readable.from(chunks).pipe(req);
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

test('a file within the cap is stored byte for byte', async () => {
  const bytes = Buffer.from(Array.from({ length: 900 }, (_, i) => i % 256));
  const res = await upload('photo one.jpg', bytes);
  expect(res.status).toBe(200);
  const stored = JSON.parse(res.body);
  expect(stored).toMatchObject({ name: 'photo one.jpg', bytes: 900 });
  expect(path.basename(stored.path)).toBe('photo one.jpg');
  expect(stored.path.startsWith(t.server.uploadRoot!)).toBe(true);
  expect(await readFile(stored.path)).toEqual(bytes);
});

test('a file declared over the per-file cap is refused with 413', async () => {
  const res = await upload('big.png', Buffer.alloc(MAX_FILE + 1));
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body).error.message).toMatch(/"big.png" is .* the limit is .* per file/);
});

test('a streamed file over the cap is cut off with 413 and its partial file removed', async () => {
  const res = await chunkedUpload('stream.png', 5000);
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body).error.message).toMatch(/larger than the limit/);
  expect(await filesUnder(t.server.uploadRoot!)).not.toContain('stream.png');
});

test('the session total is capped', async () => {
  expect((await upload('b.jpg', Buffer.alloc(900))).status).toBe(200);
  const res = await upload('c.jpg', Buffer.alloc(900));
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body).error.message).toMatch(/this session's uploads past/);
  // Another session has its own allowance.
  expect((await upload('c.jpg', Buffer.alloc(900), 'other-session-01')).status).toBe(200);
});

test('uploads are removed when the server closes', async () => {
  const root = t.server.uploadRoot!;
  expect((await filesUnder(root)).length).toBeGreaterThan(0);
  await t.server.close();
  expect(existsSync(root)).toBe(false);
});
