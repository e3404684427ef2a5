// A real fork launcher that also records the serialised size of every message each way, for the tests that
// check what crosses the process boundary.
import { serialize } from 'node:v8';
import { createForkLauncher, type ProcessLauncher } from '../../../src/engine/hosts/launcher.js';

/**
 * createForkLauncher() whose children's messages are measured: bytes sent to and received from them.
 * `childTmpdir` is the TMPDIR the children start with (e.g. one that does not exist, so no file can be written).
 */
export function recordingLauncher(childTmpdir?: string): {
  launcher: ProcessLauncher;
  sentBytes: number[];
  receivedBytes: number[];
} {
  const sentBytes: number[] = [];
  const receivedBytes: number[] = [];
  const base = createForkLauncher();
  const launcher: ProcessLauncher = {
    kind: base.kind,
    launch(options) {
      const saved = process.env.TMPDIR;
      if (childTmpdir !== undefined) process.env.TMPDIR = childTmpdir;
      let handle: ReturnType<ProcessLauncher['launch']>;
      try {
        handle = base.launch(options);
      } finally {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
      }
      handle.onMessage((m) => receivedBytes.push(serialize(m).length));
      return {
        get pid() {
          return handle.pid;
        },
        postMessage(message) {
          sentBytes.push(serialize(message).length);
          handle.postMessage(message);
        },
        onMessage: (listener) => handle.onMessage(listener),
        onExit: (listener) => handle.onExit(listener),
        kill: () => handle.kill(),
      };
    },
  };
  return { launcher, sentBytes, receivedBytes };
}
