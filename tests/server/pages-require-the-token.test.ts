// Pages and assets are served only to holders of the token: in the URL, or by the cookie the first valid page
// load sets (the browser fetches the page's scripts without the query string).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { request, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

test('a page without the token is refused with 403', async () => {
  const res = await request(t.server.port, { path: '/' });
  expect(res.status).toBe(403);
  expect(JSON.parse(res.body).error.message).toMatch(/token/);
});

test('a wrong token is refused with 403, even next to a valid cookie', async () => {
  const ok = await request(t.server.port, { path: `/?token=${t.server.token}` });
  const cookie = ok.headers['set-cookie']![0].split(';')[0];
  const res = await request(t.server.port, { path: '/?token=wrong-token-wrong-token', headers: { cookie } });
  expect(res.status).toBe(403);
});

test('the right token serves the page and sets an HttpOnly SameSite=Strict cookie', async () => {
  const res = await request(t.server.port, { path: `/?token=${t.server.token}` });
  expect(res.status).toBe(200);
  expect(res.body).toContain('<!doctype html>');
  const cookie = res.headers['set-cookie']![0];
  expect(cookie).toContain(`cbench-${t.server.port}=${t.server.token}`);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
});

test('assets load with the cookie and are refused without it', async () => {
  const first = await request(t.server.port, { path: `/?token=${t.server.token}` });
  const cookie = first.headers['set-cookie']![0].split(';')[0];
  const withCookie = await request(t.server.port, { path: '/assets/app.js', headers: { cookie } });
  expect(withCookie.status).toBe(200);
  const without = await request(t.server.port, { path: '/assets/app.js' });
  expect(without.status).toBe(403);
  const forged = await request(t.server.port, {
    path: '/assets/app.js',
    headers: { cookie: `cbench-${t.server.port}=guess-guess-guess-guess` },
  });
  expect(forged.status).toBe(403);
});

test('the printed URL carries the token', () => {
  expect(t.server.url).toBe(`http://127.0.0.1:${t.server.port}/?token=${t.server.token}`);
  // 24 random bytes, base64url.
  expect(t.server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
});
