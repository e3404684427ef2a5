// `cbench report` writes one HTML file that is also a bundle: `cbench import report.html` into another
// history brings back exactly the runs `cbench export` would have carried. Bad input is one line, exit 2.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, TINY } from './run-helpers.js';

let dir: string;
let first: string;
let runIds: string[];

/** A bundle's content without the moment it was written. */
function stable(json: string): unknown {
  const { exportedAt: _at, ...rest } = JSON.parse(json) as { exportedAt: string };
  return rest;
}

beforeAll(async () => {
  dir = await tempDir('cbench-report-cli-');
  first = path.join(dir, 'first.sqlite');
  runIds = [];
  for (let i = 0; i < 2; i++) {
    const result = await runCli([...TINY, '--models', 'sequential,worker-pool', '--db', first]);
    expect(result.code).toBe(0);
    runIds.push(/run (\S+) saved to/.exec(result.stderr)![1]);
  }
}, 120_000);

describe('cbench report', () => {
  it('writes a report that imports back into another history exactly as the bundle export', async () => {
    const report = path.join(dir, 'report.html');
    const made = await runCli([
      'report',
      ...runIds.map((id) => id.slice(0, 8)),
      '--out',
      report,
      '--db',
      first,
    ]);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/wrote a report of 2 runs to .*report\.html/);
    const html = await readFile(report, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<script type="application/json" id="cbench-bundle">');

    const second = path.join(dir, 'second.sqlite');
    const imported = await runCli(['import', report, '--db', second]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('imported 2 runs');
    expect((await runCli(['import', report, '--db', second])).stdout).toContain('skipped 2 already present');

    const fromFirst = path.join(dir, 'from-first.json');
    const fromSecond = path.join(dir, 'from-second.json');
    expect((await runCli(['export', ...runIds, '--out', fromFirst, '--db', first])).code).toBe(0);
    expect((await runCli(['export', ...runIds, '--out', fromSecond, '--db', second])).code).toBe(0);
    expect(stable(await readFile(fromSecond, 'utf8'))).toEqual(stable(await readFile(fromFirst, 'utf8')));
  }, 120_000);

  it('names what is wrong: an unknown run, an HTML file without runs, a damaged report', async () => {
    const unknown = await runCli(['report', 'nope1234', '--db', first]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('nope1234');

    const plain = path.join(dir, 'plain.html');
    await writeFile(plain, '<!doctype html><html><body>hello</body></html>');
    const noBundle = await runCli(['import', plain, '--db', path.join(dir, 'third.sqlite')]);
    expect(noBundle.code).toBe(2);
    expect(noBundle.stderr).toContain(
      'plain.html: it is an HTML file without an embedded Concurrency Bench bundle',
    );

    const report = path.join(dir, 'report.html');
    const damaged = path.join(dir, 'damaged.html');
    const html = await readFile(report, 'utf8');
    await writeFile(damaged, html.replace(/"data":"H4sI/, '"data":"XXXX'));
    const broken = await runCli(['import', damaged, '--db', path.join(dir, 'third.sqlite')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/damaged\.html: its embedded bundle is damaged/);
  }, 60_000);
});
