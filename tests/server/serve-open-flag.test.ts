// `cbench serve --open` hands the tokenised URL to the system's opener (xdg-open here); when there is none,
// that is a warning and the server keeps serving.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/cbench.js', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cbench-serve-open-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function serveWithPath(pathDirs: string[], db: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [bin, 'serve', '--open', '--port', '0', '--db', db], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: pathDirs.join(path.delimiter) },
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c));
  child.stderr!.on('data', (c: Buffer) => (out += c));
  return { child, output: () => out };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function stop(child: ChildProcess): Promise<number | null> {
  child.kill('SIGINT');
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

test.runIf(process.platform === 'linux')(
  'the printed URL, token included, is handed to xdg-open',
  async () => {
    const fakeBin = path.join(dir, 'bin');
    const opened = path.join(dir, 'opened.txt');
    await mkdir(fakeBin);
    await writeFile(path.join(fakeBin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    await chmod(path.join(fakeBin, 'xdg-open'), 0o755);
    const serve = serveWithPath(
      [fakeBin, path.dirname(process.execPath), '/usr/bin', '/bin'],
      path.join(dir, 'a.db'),
    );
    await waitFor(() => existsSync(opened) && /token=/.test(serve.output()), 'the browser to be opened');
    const url = /Concurrency Bench GUI: (\S+)/.exec(serve.output())![1];
    expect(await readFile(opened, 'utf8')).toBe(url);
    expect(await stop(serve.child)).toBe(0);
  },
);

test.runIf(process.platform === 'linux')('without an opener it warns and keeps serving', async () => {
  const serve = serveWithPath([path.dirname(process.execPath)], path.join(dir, 'b.db'));
  await waitFor(() => /could not open a browser/.test(serve.output()), 'the warning');
  const url = /Concurrency Bench GUI: (\S+)/.exec(serve.output())![1];
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(await stop(serve.child)).toBe(0);
});
