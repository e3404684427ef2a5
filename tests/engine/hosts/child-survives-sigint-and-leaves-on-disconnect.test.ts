import { fork } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { engineFile } from '../../../src/engine/hosts/entries.js';

// Ctrl-C in a terminal reaches every process of the group. The child entry leaves cancelling to its
// orchestrator: it outlives a SIGINT, still answers, and still exits once its parent's channel closes.
describe('child entry and SIGINT', () => {
  it('ignores SIGINT, keeps serving, and exits when the channel to its parent closes', async () => {
    const child = fork(engineFile('hosts/child-entry.js'), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const next = (type: string): Promise<unknown> =>
      new Promise((resolve) => {
        const on = (m: { type?: string }): void => {
          if (m.type !== type) return;
          child.off('message', on);
          resolve(m);
        };
        child.on('message', on);
      });
    try {
      await next('ready');
      child.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(child.exitCode).toBeNull();
      expect(child.signalCode).toBeNull();
      const pong = next('pong');
      child.send({ type: 'ping', id: 7 });
      expect(await pong).toEqual({ type: 'pong', id: 7 });

      child.disconnect();
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
