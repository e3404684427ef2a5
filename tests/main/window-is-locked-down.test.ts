// The window the built main process creates: isolated, sandboxed, no Node, web security on, the CommonJS
// preload, the app's own page on the app:// scheme, and one instance of the app at a time.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShellProcess } from './support/shell.js';

interface Inspection {
  url: string;
  windowOptions: { show?: boolean; webPreferences: Record<string, unknown> };
  privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  protocols: string[];
  singleInstanceRequested: boolean;
}

describe('the main window', () => {
  let shell: ShellProcess;
  let inspection: Inspection;
  beforeAll(async () => {
    shell = await ShellProcess.start();
    inspection = await shell.order<Inspection>('inspect');
  });
  afterAll(() => shell?.dispose());

  it('has contextIsolation, sandbox and webSecurity on and every Node integration off', () => {
    const prefs = inspection.windowOptions.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('loads the built CommonJS preload', () => {
    const preload = inspection.windowOptions.webPreferences.preload as string;
    expect(path.basename(preload)).toBe('index.cjs');
    expect(existsSync(preload)).toBe(true);
  });

  it('shows the app page from the privileged app:// scheme, not file:// or a remote URL', () => {
    expect(inspection.url).toBe('app://bench/index.html');
    expect(inspection.protocols).toContain('app');
    expect(inspection.privilegedSchemes).toContainEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    });
  });

  it('asks for the single-instance lock and stays hidden until painted', () => {
    expect(inspection.singleInstanceRequested).toBe(true);
    expect(inspection.windowOptions.show).toBe(false);
  });
});
