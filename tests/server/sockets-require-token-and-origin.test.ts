// A WebSocket is the full API (start runs, delete history), so its upgrade needs the token and this server's
// own Origin; anything else is refused before a socket exists.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openSocket, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

test('no token: 403', async () => {
  expect((await openSocket(t.server, { token: null })).status).toBe(403);
});

test('wrong token: 403', async () => {
  expect((await openSocket(t.server, { token: 'A'.repeat(32) })).status).toBe(403);
});

test('another origin: 403', async () => {
  expect((await openSocket(t.server, { origin: 'http://evil.example' })).status).toBe(403);
  expect((await openSocket(t.server, { origin: `http://127.0.0.1:${t.server.port + 1}` })).status).toBe(403);
});

test('no origin at all: 403', async () => {
  expect((await openSocket(t.server, { origin: null })).status).toBe(403);
});

test('a malformed session id: 400', async () => {
  expect((await openSocket(t.server, { session: '../..' })).status).toBe(400);
});

test('token and own origin: the socket opens', async () => {
  const opened = await openSocket(t.server);
  expect(opened.status).toBeNull();
  opened.ws!.close();
  const viaLocalhost = await openSocket(t.server, { origin: `http://localhost:${t.server.port}` });
  expect(viaLocalhost.status).toBeNull();
  viaLocalhost.ws!.close();
});
