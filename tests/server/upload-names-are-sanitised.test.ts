// A dropped file's name comes from the browser: it never picks the folder, and odd characters are replaced.
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sanitizeFileName } from '../../src/server/uploads.js';
import { request, SESSION, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

test.each([
  ['../../etc/passwd', 'passwd'],
  ['..\\..\\win.ini', 'win.ini'],
  ['.hidden', 'hidden'],
  ['..', 'file'],
  ['', 'file'],
  ['a\u0000b\nc.png', 'a_b_c.png'],
  ['con.png', '_con.png'],
  ['Photo (1) été.JPG', 'Photo (1) été.JPG'],
  ['x<y>z|q?*.png', 'x_y_z_q__.png'],
])('%j -> %j', (raw, expected) => {
  expect(sanitizeFileName(raw)).toBe(expected);
});

test('long names are cut to 200 bytes keeping the extension', () => {
  const name = sanitizeFileName(`${'é'.repeat(300)}.jpeg`);
  expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
  expect(name.endsWith('.jpeg')).toBe(true);
});

test('an upload named with a path lands inside the session folder', async () => {
  const res = await request(t.server.port, {
    method: 'POST',
    path: `/upload?name=${encodeURIComponent('../../../evil.sh')}`,
    headers: { 'x-cbench-token': t.server.token, 'x-cbench-session': SESSION },
    body: 'echo hi',
  });
  expect(res.status).toBe(200);
  const stored = JSON.parse(res.body);
  expect(stored.name).toBe('evil.sh');
  expect(path.relative(path.join(t.server.uploadRoot!, SESSION), stored.path)).not.toMatch(/^\.\./);
});

test('an upload without a session id or a name is a 400', async () => {
  const headers = { 'x-cbench-token': t.server.token };
  const noSession = await request(t.server.port, {
    method: 'POST',
    path: '/upload?name=a.png',
    headers,
    body: 'x',
  });
  expect(noSession.status).toBe(400);
  expect(JSON.parse(noSession.body).error.message).toMatch(/session/);
  const noName = await request(t.server.port, {
    method: 'POST',
    path: '/upload',
    headers: { ...headers, 'x-cbench-session': SESSION },
    body: 'x',
  });
  expect(noName.status).toBe(400);
  expect(JSON.parse(noName.body).error.message).toMatch(/name/);
});
