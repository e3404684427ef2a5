import { describe, expect, it } from 'vitest';
import { createForkLauncher } from '../../../src/engine/hosts/launcher.js';
import type { FromWorker } from '../../../src/shared/protocol.js';

// The compiled child entry, started by the real child_process.fork launcher, answers through the port adapter.
describe('child entry over child_process.fork', () => {
  it('reports ready, answers ping and tasks with matching ids, and exits on shutdown', async () => {
    const child = createForkLauncher().launch({ name: 'cbench-test-child' });
    const messages: FromWorker[] = [];
    const waitFor = (match: (m: FromWorker) => boolean): Promise<FromWorker> =>
      new Promise((resolve) => {
        const found = messages.find(match);
        if (found) return resolve(found);
        const off = child.onMessage((m) => {
          if (match(m as FromWorker)) {
            off();
            resolve(m as FromWorker);
          }
        });
      });
    child.onMessage((m) => messages.push(m as FromWorker));
    const exited = new Promise<number | null>((resolve) => child.onExit((code) => resolve(code)));

    const ready = await waitFor((m) => m.type === 'ready');
    expect(ready).toMatchObject({ type: 'ready', startupMs: expect.any(Number) });

    child.postMessage({ type: 'ping', id: 41 });
    expect(await waitFor((m) => m.type === 'pong')).toEqual({ type: 'pong', id: 41 });

    child.postMessage({
      type: 'task',
      id: 42,
      task: { kind: 'primes', lo: 2, hi: 30, limit: 30, memo: 'off', pass: 'x' },
    });
    const result = await waitFor((m) => m.type === 'result' && m.id === 42);
    if (result.type !== 'result') throw new Error('expected a result');
    expect(result.output.kind).toBe('primes');
    if (result.output.kind === 'primes')
      expect([...result.output.primes]).toEqual([2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
    expect(result.cpuMs).toBeGreaterThanOrEqual(0);
    expect(result.peakRssBytes).toBeGreaterThan(1_000_000);

    child.postMessage({ type: 'shutdown' });
    expect(await exited).toBe(0);
  });
});
