import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { openStore } from '../../src/engine/store/index.js';
import type { RunEvent } from '../../src/shared/results.js';
import { machine, result, spec, tempDir } from './fixtures.js';

const compiledStore = path.resolve('dist/engine/store/index.js');
const child = path.resolve('tests/store/record-child.mjs');
const temp = tempDir();
afterAll(() => temp.cleanup());

test('a run killed with SIGKILL mid-run keeps every committed result and reopens as interrupted', async () => {
  expect(existsSync(compiledStore), 'dist is built by the global setup').toBe(true);
  const dbPath = path.join(temp.dir, 'history.sqlite');
  const runId = 'killed-run-1';
  const results = [
    result(0, 'sequential', [20, 21, 22]),
    result(0, 'worker-threads', [11, 12, 13]),
    result(1, 'sequential', [8, 8.1, 8.2]),
    result(1, 'worker-threads', [5, 5.1, 5.2]),
  ];
  // Many results, so the kill always lands before the end.
  const events: RunEvent[] = [
    { type: 'plan', runId, spec: spec(), totalSteps: 16, startedAt: new Date().toISOString() },
    ...results.map((r): RunEvent => ({ type: 'result', runId, result: r })),
    ...Array.from({ length: 20 }, (_, i): RunEvent => ({
      type: 'result',
      runId,
      result: { ...result(1, 'processes', [9, 9, 9]), caseId: `extra-${i}` },
    })),
  ];
  const eventsFile = path.join(temp.dir, 'events.json');
  writeFileSync(eventsFile, JSON.stringify({ machine: machine(), events }));

  const proc = spawn(process.execPath, [child, pathToFileURL(compiledStore).href, dbPath, eventsFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const printed: string[] = [];
  let buffer = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      printed.push(line);
      if (printed.length === 3) proc.kill('SIGKILL');
    }
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    proc.on('exit', (_code, sig) => resolve(sig)),
  );
  expect(signal).toBe('SIGKILL');
  expect(printed).not.toContain('finished');

  const store = openStore(dbPath);
  try {
    expect(store.recovered).toEqual([runId]);
    const run = store.getRun(runId);
    expect(run.status).toBe('interrupted');
    const stored = run.results.map((r) => `committed ${r.caseId} ${r.model}`);
    // Everything the child reported as committed is there; at most one more landed before the kill.
    for (const line of printed) expect(stored).toContain(line);
    expect(stored.length).toBeGreaterThanOrEqual(printed.length);
    expect(stored.length).toBeLessThanOrEqual(printed.length + 1);
    expect(run.results[0].samples).toHaveLength(3);
  } finally {
    store.close();
  }
});
