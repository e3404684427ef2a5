// Resizing is deterministic: the same file gives the same output pixel hash in this process, in a worker
// thread and in a child process (both load the compiled engine from dist/), and on a second run.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { resizeFile } from '../../../src/engine/workloads/images.js';

const fixtures = path.resolve('tests/fixtures/images');
const files = [
  'tiny-64x48.jpg',
  'tiny-64x48.png',
  'tiny-64x48.webp',
  'tiny-64x48.avif',
  'tiny-64x48.svg',
].map((f) => path.join(fixtures, f));
const samples = path.resolve('resources/samples/sample-1280x720.jpg');
const compiled = pathToFileURL(path.resolve('dist/engine/workloads/images.js')).href;

// Run in the other thread or process: resize every file and print the hashes as JSON.
const program = (outDir: string): string => `
  import { resizeFile } from ${JSON.stringify(compiled)};
  const files = ${JSON.stringify([...files, samples])};
  const hashes = [];
  for (const [i, f] of files.entries()) hashes.push((await resizeFile(f, ${JSON.stringify(outDir)}, 128, 128, i)).pixelHash);
  const out = JSON.stringify(hashes);
  if (typeof process.send === 'function' || !(await import('node:worker_threads')).parentPort) console.log(out);
  else (await import('node:worker_threads')).parentPort.postMessage(out);
`;

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'cbench-determinism-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

test('pixel hashes agree across this process, a worker thread and a child process', async () => {
  const local = [];
  for (const [i, f] of [...files, samples].entries())
    local.push((await resizeFile(f, outDir, 128, 128, i)).pixelHash);
  expect(local.every((h) => typeof h === 'string')).toBe(true);

  const again = (await resizeFile(files[0], outDir, 128, 128, 0)).pixelHash;
  expect(again).toBe(local[0]);

  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(program(outDir))}`));
  const fromWorker = await new Promise<string[]>((resolve, reject) => {
    worker.once('message', (m: string) => resolve(JSON.parse(m) as string[]));
    worker.once('error', reject);
  });
  await worker.terminate();
  expect(fromWorker).toEqual(local);

  const fromChild = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', program(outDir)], { encoding: 'utf8' }),
  ) as string[];
  expect(fromChild).toEqual(local);
});
