// `npm run bench [name...]`: builds the app (the shell's bench loads out/main), then runs the self-benchmarks
// under bench/ one after another (never two at once: they would measure each other) and prints one JSON
// document with each script's report. Exit 1 when any script missed its target or failed.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = new Set(process.argv.slice(2));
const scripts = readdirSync(path.join(root, 'bench'))
  .filter((name) => name.endsWith('.mjs'))
  .map((name) => name.slice(0, -'.mjs'.length))
  .filter((name) => only.size === 0 || only.has(name))
  .sort();

execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const reports = {};
let failed = 0;
for (const name of scripts) {
  process.stderr.write(`bench/${name}.mjs (load ${os.loadavg()[0].toFixed(2)})...\n`);
  const run = spawnSync(process.execPath, [path.join(root, 'bench', `${name}.mjs`)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    reports[name] = { exitCode: run.status, report: JSON.parse(run.stdout) };
  } catch {
    reports[name] = {
      exitCode: run.status,
      error: 'did not print a JSON document',
      output: run.stdout.slice(-2000),
    };
  }
  if (run.status !== 0) failed++;
}
process.stdout.write(
  `${JSON.stringify({ node: process.version, cpus: os.availableParallelism(), reports }, null, 2)}\n`,
);
process.exitCode = failed > 0 ? 1 : 0;
