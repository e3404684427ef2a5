// Uploads write to disk, so they need the token in their header: no token, a wrong one, or the cookie alone
// (which a page on another localhost port would also send) is refused with 403, and nothing is stored.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { request, SESSION, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

function upload(headers: Record<string, string>) {
  return request(t.server.port, {
    method: 'POST',
    path: '/upload?name=a.png',
    headers: { 'x-cbench-session': SESSION, 'content-type': 'application/octet-stream', ...headers },
    body: Buffer.from('bytes'),
  });
}

test('an upload without the token is refused', async () => {
  const res = await upload({});
  expect(res.status).toBe(403);
  // The upload folder exists from the start (images:inspect is confined to it); nothing landed in it.
  expect(await readdir(t.server.uploadRoot!)).toEqual([]);
});

test('an upload with a wrong token is refused', async () => {
  expect((await upload({ 'x-cbench-token': 'x'.repeat(32) })).status).toBe(403);
});

test('an upload carrying only the page cookie is refused', async () => {
  const cookie = `cbench-${t.server.port}=${t.server.token}`;
  expect((await upload({ cookie })).status).toBe(403);
});

test('an upload from another origin is refused even with the token', async () => {
  const res = await upload({ 'x-cbench-token': t.server.token, origin: 'http://127.0.0.1:1' });
  expect(res.status).toBe(403);
  expect(JSON.parse(res.body).error.message).toMatch(/Origin/);
});

test('with the token the upload is stored', async () => {
  const res = await upload({ 'x-cbench-token': t.server.token, origin: t.server.origin });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ name: 'a.png', bytes: 5 });
});
