// The content policy: every response carries a strict CSP, the app:// scheme serves only the built renderer,
// and requests to anywhere but the app itself are cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShellProcess } from './support/shell.js';

interface Fetched {
  status: number;
  headers: Record<string, string>;
  text: string;
  bytes: number;
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('content security', () => {
  let shell: ShellProcess;
  beforeAll(async () => {
    shell = await ShellProcess.start();
  });
  afterAll(() => shell?.dispose());

  it('replaces any Content-Security-Policy header with the strict one', async () => {
    const { responseHeaders } = await shell.order<{ responseHeaders: Record<string, string[]> }>('headers', {
      url: 'app://bench/index.html',
      responseHeaders: {
        'content-security-policy': ["default-src * 'unsafe-eval'"],
        'Content-Type': ['text/html'],
      },
    });
    const policies = Object.entries(responseHeaders).filter(
      ([name]) => name.toLowerCase() === 'content-security-policy',
    );
    expect(policies).toHaveLength(1);
    const policy = directives(policies[0][1][0]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(responseHeaders['Content-Type']).toEqual(['text/html']);
  });

  it('serves the built renderer on app://bench with the CSP header', async () => {
    const page = await shell.order<Fetched>('fetchApp', { url: 'app://bench/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(directives(page.headers['content-security-policy']).get('script-src')).toEqual(["'self'"]);
    expect(page.text).toContain('<div id="app">');
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script, 'the built page references its script bundle').toBeTruthy();
    const bundle = await shell.order<Fetched>('fetchApp', { url: `app://bench/${script}` });
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/^text\/javascript/);
    expect(bundle.bytes).toBeGreaterThan(1000);
  });

  it('serves nothing outside the renderer folder, whatever the encoding', async () => {
    for (const url of [
      'app://bench/%2e%2e/%2e%2e/package.json',
      'app://bench/..%2F..%2Fpackage.json',
      'app://bench/..%5C..%5Cpackage.json',
      'app://bench/%2E%2E%2F%2E%2E%2Fsrc%2Fmain%2Findex.ts',
      'app://elsewhere/index.html',
      'app://bench/no-such-file.js',
    ]) {
      const response = await shell.order<Fetched>('fetchApp', { url });
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(response.text, url).not.toContain('"name"');
    }
  });

  it('cancels every request that is not to the app itself', async () => {
    const cancelled = async (url: string): Promise<boolean> =>
      (await shell.order<{ cancel: boolean }>('beforeRequest', { url })).cancel;
    expect(await cancelled('https://example.com/tracker.js')).toBe(true);
    expect(await cancelled('http://127.0.0.1:8080/')).toBe(true);
    expect(await cancelled('file:///etc/passwd')).toBe(true);
    expect(await cancelled('ws://example.com/socket')).toBe(true);
    expect(await cancelled('app://bench/assets/index.js')).toBe(false);
    expect(await cancelled('data:image/png;base64,iVBORw0KGgo=')).toBe(false);
  });
});
