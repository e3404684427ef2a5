import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { electronBindingPath, SQLITE_BINDING_ENV } from '../../src/engine/store/native.js';

const ADDON = path.join('native', 'electron', 'better_sqlite3.node');
const repo = path.resolve('/home/dev/concurrency-bench');

test('in a checkout, every layout the store runs from finds <repo>/native/electron', () => {
  const expected = path.join(repo, ADDON);
  for (const moduleFile of [
    // electron-vite's bundled main, as `electron .` and `electron-vite dev` run it
    path.join(repo, 'out', 'main', 'index.js'),
    path.join(repo, 'out', 'main', 'chunks', 'store-1a2b3c.js'),
    // tsc's output (cbench) and the sources (vitest)
    path.join(repo, 'dist', 'engine', 'store', 'native.js'),
    path.join(repo, 'src', 'engine', 'store', 'native.ts'),
  ]) {
    // Under `electron .` resourcesPath is Electron's own folder, which the app's code is not inside.
    const resourcesPath = path.join(repo, 'node_modules', 'electron', 'dist', 'resources');
    expect(electronBindingPath({ moduleFile, resourcesPath }), moduleFile).toBe(expected);
    expect(electronBindingPath({ moduleFile }), moduleFile).toBe(expected);
  }
});

test('a packaged app looks in <resources>/native/electron, outside the asar', () => {
  const resourcesPath = path.resolve('/opt/Concurrency Bench/resources');
  const moduleFile = path.join(resourcesPath, 'app.asar', 'out', 'main', 'index.js');
  expect(electronBindingPath({ moduleFile, resourcesPath })).toBe(path.join(resourcesPath, ADDON));
});

test('the option, then CBENCH_SQLITE_BINDING, override the default', () => {
  const moduleFile = path.join(repo, 'out', 'main', 'index.js');
  const env = { [SQLITE_BINDING_ENV]: 'builds/electron-45/better_sqlite3.node' };
  expect(SQLITE_BINDING_ENV).toBe('CBENCH_SQLITE_BINDING');
  expect(electronBindingPath({ moduleFile, env })).toBe(path.resolve(env[SQLITE_BINDING_ENV]));
  expect(electronBindingPath({ moduleFile, env, override: '/srv/addon.node' })).toBe(
    path.resolve('/srv/addon.node'),
  );
  expect(electronBindingPath({ moduleFile, env: { [SQLITE_BINDING_ENV]: '' } })).toBe(path.join(repo, ADDON));
});

test('by default the loader looks in this checkout', () => {
  const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  expect(
    electronBindingPath({ moduleFile: path.join(checkout, 'src', 'engine', 'store', 'native.ts') }),
  ).toBe(path.join(checkout, ADDON));
  if (!process.env[SQLITE_BINDING_ENV]) expect(electronBindingPath()).toBe(path.join(checkout, ADDON));
});
