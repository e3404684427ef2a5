#!/usr/bin/env node
// The `cbench` executable: a thin loader for the compiled CLI in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(`cbench: ${fileURLToPath(entry)} is missing: run "npm run build:node" first\n`);
  process.exit(1);
}
const { main } = await import(entry.href);
const code = await main(process.argv);
process.exitCode = code;
// Everything the run started is closed by now; this only guards against a stray handle keeping the CLI alive.
setTimeout(() => process.exit(code), 2000).unref();
