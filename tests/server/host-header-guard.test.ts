// DNS rebinding: a hostile site can point its own name at 127.0.0.1, but the browser then sends that name in
// Host. Only 127.0.0.1:PORT and localhost:PORT are served, with or without the token.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openSocket, request, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

test('a page request naming another host is refused', async () => {
  const res = await request(t.server.port, {
    path: `/?token=${t.server.token}`,
    headers: { host: `rebind.example:${t.server.port}` },
  });
  expect(res.status).toBe(403);
  expect(JSON.parse(res.body).error.message).toMatch(/Host/);
});

test('the right address with another port is refused', async () => {
  const res = await request(t.server.port, {
    path: `/?token=${t.server.token}`,
    headers: { host: '127.0.0.1:80' },
  });
  expect(res.status).toBe(403);
});

test('a socket upgrade naming another host is refused', async () => {
  const opened = await openSocket(t.server, { host: `rebind.example:${t.server.port}` });
  expect(opened.status).toBe(403);
});

test('localhost:PORT is accepted', async () => {
  const res = await request(t.server.port, {
    path: `/?token=${t.server.token}`,
    headers: { host: `localhost:${t.server.port}` },
  });
  expect(res.status).toBe(200);
});
