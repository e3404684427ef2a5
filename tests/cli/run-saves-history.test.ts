import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/engine/store/index.js';
import { runCli, tempDir, TINY } from './run-helpers.js';

describe('cbench run records into the history', () => {
  it('saves the run to --db, says so on stderr, and writes --out as CSV when the extension says so', async () => {
    const dir = await tempDir();
    const db = path.join(dir, 'history.sqlite');
    const out = path.join(dir, 'run.csv');
    const result = await runCli([...TINY, '--models', 'sequential,process-pool', '--db', db, '--out', out]);
    expect(result.code).toBe(0);
    const saved = /run (\S+) saved to (.+)$/m.exec(result.stderr);
    expect(saved?.[2]).toBe(db);
    // the table is on stdout when the document goes to a file
    expect(result.stdout).toMatch(/process-pool/);

    const store = openStore(db);
    try {
      const run = store.getRun(saved![1]);
      expect(run.status).toBe('completed');
      expect(run.results.map((r) => r.model).sort()).toEqual(['process-pool', 'sequential']);
      expect(run.results.every((r) => r.status === 'ok' && r.samples.length === 2)).toBe(true);
    } finally {
      store.close();
    }
    const csv = await readFile(out, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/model/);
    expect(csv).toMatch(/process-pool/);
  });

  it('--no-save leaves the database untouched (CBENCH_DB is not even created)', async () => {
    const dir = await tempDir();
    const db = path.join(dir, 'never.sqlite');
    const result = await runCli([...TINY, '--models', 'sequential', '--no-save'], { CBENCH_DB: db });
    expect(result.code).toBe(0);
    await expect(readFile(db)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
