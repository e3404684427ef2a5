import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { chooseNativeBinding, electronBindingPath } from '../../src/engine/store/native.js';
import { tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

test('under Node the npm build is used; under Electron the separate build, or an error naming the command', () => {
  expect(chooseNativeBinding({ ...process.versions })).toEqual({ runtime: 'node', nativeBinding: undefined });
  expect(electronBindingPath({ moduleFile: '/app/dist/engine/store/native.js' })).toBe(
    path.join('/app', 'native', 'electron', 'better_sqlite3.node'),
  );

  const missing = path.join(temp.dir, 'native', 'electron', 'better_sqlite3.node');
  const electronVersions = { ...process.versions, electron: '45.5.0' } as NodeJS.ProcessVersions;
  expect(() => chooseNativeBinding(electronVersions, missing)).toThrow('run "npm run rebuild:electron"');
  expect(() => chooseNativeBinding(electronVersions, missing)).toThrow('Electron 45.5.0');

  const present = path.join(temp.dir, 'better_sqlite3.node');
  writeFileSync(present, 'binary');
  expect(chooseNativeBinding(electronVersions, present)).toEqual({
    runtime: 'electron',
    nativeBinding: present,
  });
});
