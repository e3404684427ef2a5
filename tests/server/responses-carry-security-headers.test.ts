// Every response carries a strict CSP naming this server's own socket, nosniff, no framing and no referrer;
// files go out with the right content type.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { request, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
let cookie: string;
beforeAll(async () => {
  t = await startTestServer();
  const first = await request(t.server.port, { path: `/?token=${t.server.token}` });
  cookie = first.headers['set-cookie']![0].split(';')[0];
});
afterAll(() => t.dispose());

test('the page has a strict CSP', async () => {
  const res = await request(t.server.port, { path: '/', headers: { cookie } });
  const csp = res.headers['content-security-policy'] as string;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${t.server.port}`);
  expect(csp).toContain("img-src 'self' data: blob:");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
});

test('refusals carry the headers too', async () => {
  const res = await request(t.server.port, { path: '/' });
  expect(res.status).toBe(403);
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
});

test.each([
  ['/', 'text/html; charset=utf-8'],
  ['/index.html', 'text/html; charset=utf-8'],
  ['/assets/app.js', 'text/javascript; charset=utf-8'],
  ['/assets/style.css', 'text/css; charset=utf-8'],
])('%s is served as %s', async (path, type) => {
  const res = await request(t.server.port, { path, headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(type);
});

test('a missing favicon is an empty 204, so browsers log no error for it', async () => {
  const res = await request(t.server.port, { path: '/favicon.ico', headers: { cookie } });
  expect(res.status).toBe(204);
});
