// Runs the real `cbench` executable (bin/cbench.js over the compiled dist/) for the history commands.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { createRecorder, openStore } from '../../src/engine/store/index.js';
import type { MachineInfo } from '../../src/shared/history.js';
import { machine, runEvents } from '../store/fixtures.js';

const bin = path.resolve('bin/cbench.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cbench(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, NO_COLOR: '1', CBENCH_DB: '', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A history with `count` runs on one machine, a day apart, the later ones slower by `slowdown` each. */
export function seedHistory(file: string, ids: string[], who: MachineInfo = machine(), slowdown = 0.1): void {
  const store = openStore(file);
  try {
    const record = createRecorder(store, who, '0.1.0');
    ids.forEach((id, i) => {
      for (const e of runEvents(id, new Date(Date.UTC(2024, 8, 1 + i, 9)).toISOString(), 1 + i * slowdown))
        record(e);
    });
  } finally {
    store.close();
  }
}
