// The EngineHost for Electron. Every entry is a file of the main build, so it survives packaging inside the
// asar exactly as the main bundle does: the child entry is bundled on its own by electron-vite's
// `?modulePath` (which yields its absolute path at run time); the worker entry and piscina's task module are
// named entries of the main build, side by side in <main>/engine/ (see electron.vite.config.ts). The sample
// images ship as extra resources, outside the asar.
import path from 'node:path';
import { app } from 'electron';
import type { EngineHost } from '../engine/host.js';
import childEntry from '../engine/hosts/child-entry.ts?modulePath';
import { createUtilityLauncher } from './utility-launcher.js';

/** Where the bundled sample images are: resources/samples in the checkout, <resources>/samples when packaged. */
export function sampleDir(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'samples')
    : path.join(app.getAppPath(), 'resources', 'samples');
}

/** The engine host inside Electron; `mainDir` is the folder of the built main entry (out/main). */
export function electronHost(mainDir: string): EngineHost {
  return {
    launcher: createUtilityLauncher(childEntry),
    workerEntry: path.join(mainDir, 'engine', 'worker-entry.js'),
    sampleDir: sampleDir(),
  };
}
