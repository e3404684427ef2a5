import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { createRecorder, openStore } from '../../src/engine/store/index.js';
import { machine, runEvents, tempDir } from './fixtures.js';

const temp = tempDir();
afterAll(() => temp.cleanup());

test('each result is visible to another connection as soon as the recorder has it', () => {
  const file = path.join(temp.dir, 'history.sqlite');
  const store = openStore(file);
  const reader = new BetterSqlite3(file, { readonly: true });
  const count = () => (reader.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n;
  const status = () =>
    (reader.prepare("SELECT status FROM runs WHERE id = 'r1'").get() as { status: string }).status;
  try {
    const record = createRecorder(store, machine(), '0.1.0');
    const events = runEvents('r1', '2024-03-01T10:00:00.000Z');
    record(events[0]);
    expect(status()).toBe('running');
    let expected = 0;
    for (const event of events.slice(1, -1)) {
      record(event);
      expect(count()).toBe(++expected);
    }
    expect(status()).toBe('running');
    record(events.at(-1)!);
    expect(status()).toBe('completed');
    const run = store.getRun('r1');
    expect(run.resultCount).toBe(4);
    expect(run.endedAt).toBe('2024-03-01T10:00:05.000Z');
    expect(run.machine.runtime.node).toBe('20.20.2');
  } finally {
    reader.close();
    store.close();
  }
});

test('a Ctrl-C that ends the run as cancelled keeps the results and stores the cancelled status', () => {
  const store = openStore(path.join(temp.dir, 'cancel.sqlite'));
  try {
    const record = createRecorder(store, machine(), '0.1.0');
    const events = runEvents('r2', '2024-03-01T10:00:00.000Z');
    record(events[0]);
    record(events[1]);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error('fixture ends with done');
    // The runner reports results it only finished at the end in `done`; they are stored too.
    record({ ...done, status: 'cancelled', results: done.results.slice(0, 2) });
    const run = store.getRun('r2');
    expect(run.status).toBe('cancelled');
    expect(run.results.map((r) => r.model)).toEqual(['sequential', 'worker-threads']);
  } finally {
    store.close();
  }
});
