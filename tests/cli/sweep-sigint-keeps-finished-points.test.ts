import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/engine/store/index.js';
import { startCli, tempDir } from './run-helpers.js';

describe('Ctrl-C during cbench sweep', () => {
  it('exits 130 and keeps every finished point in the history', async () => {
    const dir = await tempDir();
    const db = path.join(dir, 'history.sqlite');
    const { child, done } = startCli([
      'sweep',
      '--workload',
      'primes',
      '--models',
      'worker-pool',
      '--workers',
      '1,2,3,4,5,6',
      '--limit',
      '400000',
      '--reps',
      '4',
      '--warmup',
      '0',
      '--db',
      db,
    ]);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 60_000;
    // sequential and worker-pool at 1 worker, then worker-pool at 2.
    while (stderr.split('\n').filter((line) => line.startsWith('✓ primes')).length < 3) {
      if (Date.now() > deadline) throw new Error(`no results within 60 s:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    const runId = /run (\S+) saved to/.exec(result.stderr)?.[1];
    const store = openStore(db);
    try {
      const run = store.getRun(runId!);
      expect(run.status).toBe('cancelled');
      expect(run.kind).toBe('sweep');
      const ok = run.results.filter((r) => r.status === 'ok');
      expect(ok.length).toBeGreaterThanOrEqual(3);
      expect(ok.map((r) => `${r.model}@${r.workers}`)).toEqual(
        expect.arrayContaining(['sequential@1', 'worker-pool@1', 'worker-pool@2']),
      );
      expect(run.results.some((r) => r.workers === 6)).toBe(false);
    } finally {
      store.close();
    }
    // The finished points are analysed in the printed table.
    expect(result.stdout).toMatch(/worker-pool/);
  });
});
