import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/engine/host.js';
import { runSuite } from '../../../src/engine/runner.js';
import { fakeModel, fakeResolver, newFakeLog } from '../../fixtures/fake-model.js';
import { collect, tinySpec } from './helpers.js';

describe('an unexpected exception', () => {
  it('ends the run with done status failed and the error, closing every session (never a hanging promise)', async () => {
    const log = newFakeLog();
    const { events, onEvent } = collect();
    const outcome = await runSuite({
      spec: tinySpec(['sequential', 'async'], { warmup: 0, reps: 2 }),
      host: nodeHost(),
      onEvent: (event) => {
        onEvent(event);
        // e.g. the history could not be written: the runner must not carry on as if results were saved
        if (event.type === 'result') throw new Error('disk full');
      },
      resolveModel: fakeResolver({
        sequential: fakeModel('sequential', {}, log),
        async: fakeModel('async', {}, log),
      }),
    });
    expect(outcome.status).toBe('failed');
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'failed', error: 'disk full' });
    expect(log.open.size).toBe(0);
  });
});
