// The page can go nowhere else: navigation and redirects away from the app are stopped, new windows and
// webviews refused, and every permission request and check answered "no".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShellProcess } from './support/shell.js';

describe('navigation, new windows and permissions', () => {
  let shell: ShellProcess;
  beforeAll(async () => {
    shell = await ShellProcess.start();
  });
  afterAll(() => shell?.dispose());

  const prevented = async (event: string, url: string): Promise<boolean> =>
    (await shell.order<{ prevented: boolean }>('navigate', { event, url })).prevented;

  it('stops navigation and redirects away from the app page', async () => {
    expect(await prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(await prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(await prevented('will-navigate', 'app://bench/other.html')).toBe(true);
    expect(await prevented('will-redirect', 'https://example.com/')).toBe(true);
    expect(await prevented('will-navigate', 'app://bench/index.html#/history')).toBe(false);
  });

  it('refuses webviews', async () => {
    expect(await prevented('will-attach-webview', 'https://example.com/')).toBe(true);
  });

  it('denies window.open and target=_blank links', async () => {
    expect(await shell.order('windowOpen', { url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(await shell.order('windowOpen', { url: 'app://bench/index.html' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', async () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      expect(await shell.order('permission', { permission }), permission).toEqual({
        granted: false,
        checked: false,
      });
    }
  });
});
