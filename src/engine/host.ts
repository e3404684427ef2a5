// What the engine needs from whoever hosts it (plain Node for the CLI and web server, Electron's main
// process for the desktop app). Passed in, never imported, so the engine stays Electron-free.
import path from 'node:path';
import { engineFile } from './hosts/entries.js';
import { createForkLauncher, type ProcessLauncher } from './hosts/launcher.js';

export interface EngineHost {
  /** Starts child processes running the engine's child entry. */
  launcher: ProcessLauncher;
  /** Absolute path of the compiled worker-thread entry (hosts/worker-entry.js). */
  workerEntry: string;
  /** Folder holding the bundled sample images. */
  sampleDir: string;
}

/** The host for plain Node: child_process.fork and the compiled entries next to this module. */
export function nodeHost(): EngineHost {
  return {
    launcher: createForkLauncher(),
    workerEntry: engineFile('hosts/worker-entry.js'),
    sampleDir: path.resolve(path.dirname(engineFile('host.js')), '..', '..', 'resources', 'samples'),
  };
}
