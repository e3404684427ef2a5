// No path, however encoded, and no symlink leads outside the renderer folder.
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { request, SECRET, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
let cookie: string;
beforeAll(async () => {
  t = await startTestServer();
  await symlink(t.secretFile, path.join(t.rendererDir, 'assets', 'link.txt'));
  const first = await request(t.server.port, { path: `/?token=${t.server.token}` });
  cookie = first.headers['set-cookie']![0].split(';')[0];
});
afterAll(() => t.dispose());

const attempts = [
  '/../secret.txt',
  '/assets/../../secret.txt',
  '/%2e%2e/secret.txt',
  '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
  '/..%2fsecret.txt',
  '/assets/..%5c..%5csecret.txt',
  '//secret.txt',
  '/assets/link.txt',
];

test.each(attempts)('%s is not served', async (attempt) => {
  const res = await request(t.server.port, { path: attempt, headers: { cookie } });
  expect(res.body).not.toContain(SECRET);
  expect([400, 404]).toContain(res.status);
});

test('the absolute path of the secret is not served either', async () => {
  const res = await request(t.server.port, { path: encodeURI(t.secretFile), headers: { cookie } });
  expect(res.body).not.toContain(SECRET);
  expect(res.status).toBe(404);
});

test('malformed percent-encoding is a 400, not a crash', async () => {
  const res = await request(t.server.port, { path: '/%E0%A4%A', headers: { cookie } });
  expect(res.status).toBe(400);
  const after = await request(t.server.port, { path: '/assets/app.js', headers: { cookie } });
  expect(after.status).toBe(200);
});

test('a folder is not listed', async () => {
  const res = await request(t.server.port, { path: '/assets/', headers: { cookie } });
  expect(res.status).toBe(404);
});
