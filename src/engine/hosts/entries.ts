import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

/**
 * Absolute path of a compiled engine module, given its path relative to src/engine (e.g. 'hosts/worker-entry.js').
 * Worker threads and child processes need plain JavaScript: when this module runs from TypeScript source
 * (under vitest or vite), the compiled twin in dist/engine is used instead.
 */
export function engineFile(relative: string): string {
  const engineDir = path.resolve(path.dirname(here), '..');
  if (here.endsWith('.ts')) {
    const projectRoot = path.resolve(engineDir, '..', '..');
    const compiled = path.join(projectRoot, 'dist', 'engine', relative);
    if (!existsSync(compiled)) {
      throw new Error(`compiled engine file missing: ${compiled} (run "npm run build:node" first)`);
    }
    return compiled;
  }
  return path.join(engineDir, relative);
}
