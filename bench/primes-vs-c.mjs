// Primes kernel, JavaScript vs C: the same trial-division loop (src/engine/workloads/primes.ts, bench/primes.c)
// over [2, limit] on one core, each in a fresh process, alternating, best of several rounds because the two
// cores here are shared. Prints JSON { limit, jsMs, cMs, ratio, target, pass, ... }; ratio = jsMs / cMs.
// Usage: npm run build:node && node bench/primes-vs-c.mjs [--limit 10000000] [--rounds 3]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const TARGET_RATIO = 1.1;
const root = fileURLToPath(new URL('..', import.meta.url));
const primesModule = path.join(root, 'dist/engine/workloads/primes.js');

const { values } = parseArgs({
  options: { limit: { type: 'string', default: '10000000' }, rounds: { type: 'string', default: '3' } },
});
const limit = Number(values.limit);
const rounds = Number(values.rounds);
if (!Number.isInteger(limit) || limit < 2 || limit > 2e9) {
  throw new Error(`--limit must be an integer in [2, 2e9], got ${values.limit}`);
}
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a positive integer, got ${values.rounds}`);
if (!existsSync(primesModule)) throw new Error(`${primesModule} is missing: run "npm run build:node" first`);

// The JavaScript side mirrors primes.c: time primesInRange alone, then print the same fields.
const jsProgram = `
import { primesInRange } from ${JSON.stringify(pathToFileURL(primesModule).href)};
const limit = ${limit};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const primes = primesInRange(2, limit);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
let sum = 0;
for (const p of primes) sum += p;
console.log(JSON.stringify({ limit, count: primes.length, sum, ms, cpuMs: (cpu.user + cpu.system) / 1000 }));
`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'cbench-primes-c-'));
try {
  const binary = path.join(dir, 'primes');
  execFileSync('cc', ['-O2', '-o', binary, path.join(root, 'bench/primes.c')], { stdio: 'inherit' });
  const runC = () => JSON.parse(execFileSync(binary, [String(limit)], { encoding: 'utf8' }));
  const runJs = () =>
    JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', jsProgram], { encoding: 'utf8' }),
    );

  const c = [];
  const js = [];
  for (let round = 0; round < rounds; round++) {
    c.push(runC());
    js.push(runJs());
  }
  for (const r of [...c, ...js]) {
    if (r.count !== c[0].count || r.sum !== c[0].sum) {
      throw new Error(
        `results differ: C ${c[0].count} primes (sum ${c[0].sum}), got ${r.count} (sum ${r.sum})`,
      );
    }
  }
  const best = (runs, key) => Math.min(...runs.map((r) => r[key]));
  const jsMs = best(js, 'ms');
  const cMs = best(c, 'ms');
  const ratio = jsMs / cMs;
  console.log(
    JSON.stringify(
      {
        limit,
        jsMs: Number(jsMs.toFixed(1)),
        cMs: Number(cMs.toFixed(1)),
        ratio: Number(ratio.toFixed(3)),
        target: TARGET_RATIO,
        pass: ratio <= TARGET_RATIO,
        cpuRatio: Number((best(js, 'cpuMs') / best(c, 'cpuMs')).toFixed(3)),
        count: c[0].count,
        rounds,
        compiler: execFileSync('cc', ['--version'], { encoding: 'utf8' }).split('\n')[0],
        node: process.version,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
