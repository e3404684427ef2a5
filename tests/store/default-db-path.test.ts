import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { defaultDbPath } from '../../src/engine/store/index.js';

test('the database lives in the user data folder unless CBENCH_DB points elsewhere', () => {
  const fromEnv = defaultDbPath({ CBENCH_DB: 'relative/h.sqlite' });
  expect(fromEnv).toBe(path.resolve('relative/h.sqlite'));
  const standard = defaultDbPath({});
  expect(path.basename(standard)).toBe('history.sqlite');
  expect(
    standard.startsWith(os.homedir()) || standard.startsWith(process.env.XDG_DATA_HOME ?? os.homedir()),
  ).toBe(true);
  expect(standard).toContain('concurrency-bench');
});
