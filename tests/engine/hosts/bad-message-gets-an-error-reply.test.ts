import { afterEach, describe, expect, it } from 'vitest';
import { createForkLauncher, type ChildHandle } from '../../../src/engine/hosts/launcher.js';
import { TaskLink } from '../../../src/engine/hosts/task-link.js';
import { nodeHost } from '../../../src/engine/host.js';
import type { FromWorker } from '../../../src/shared/protocol.js';

let child: ChildHandle | undefined;
afterEach(() => child?.kill());

describe('a worker receiving a message outside the protocol', () => {
  it('answers with an error naming what is wrong instead of acting on it', async () => {
    child = createForkLauncher().launch({ name: 'cbench-test-bad-message' });
    const replies: FromWorker[] = [];
    child.onMessage((m) => replies.push(m as FromWorker));
    await new Promise<void>((resolve) =>
      child!.onMessage((m) => (m as FromWorker).type === 'ready' && resolve()),
    );
    child.postMessage({ type: 'launch-missiles', id: 7 });
    child.postMessage({ type: 'task', id: 8, task: { kind: 'bogus' } });
    // Wait for both replies (not for a fixed time), with a deadline a busy machine cannot miss.
    const deadline = Date.now() + 30_000;
    while (replies.filter((m) => m.type === 'error').length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(replies).toContainEqual({
      type: 'error',
      id: 7,
      message: 'bad message: unknown message type: launch-missiles',
    });
    expect(replies).toContainEqual({
      type: 'error',
      id: 8,
      message: 'bad message: task 8 has no known kind',
    });
  });

  it('a task with bad data rejects with the worker label and the reason', async () => {
    const link = TaskLink.thread(3, nodeHost().workerEntry);
    await link.ready;
    await expect(
      link.run({ kind: 'primes', lo: 2, hi: 100, limit: 50, memo: 'off', pass: 'x' }),
    ).rejects.toThrow('worker 3 threw: primes task range ends at 100, beyond the limit 50');
    await link.terminate();
  });
});
