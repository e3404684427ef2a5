import { describe, expect, it } from 'vitest';
import { runCli } from './run-helpers.js';

// After the table, `cbench run` says where the run's time went: preparation, start-up, transfer, compute,
// verification and the rest, with the parts of the models' time no larger than the whole.
describe('cbench run prints a time breakdown', () => {
  it('names every part, in seconds or milliseconds, and the parts fit in the total', async () => {
    const args = ['run', '--suite', 'custom', '--workloads', 'matrix', '--size', '96'];
    const models = ['--models', 'sequential,processes,shared-memory', '--reps', '1', '--warmup', '0'];
    const result = await runCli([...args, ...models, '--no-save']);
    expect(result.code).toBe(0);
    const ms = String.raw`([\d.]+) (ms|s)`;
    const line = new RegExp(
      `^time ${ms}: preparation ${ms}, start-up of warm models ${ms}, model runs ${ms} ` +
        `\\(start-up ${ms}, transfer ${ms}, compute ${ms}, merge ${ms}\\), verification ${ms}, ` +
        `closing ${ms}, other ${ms}$`,
      'm',
    ).exec(result.stdout);
    expect(line, result.stdout).not.toBeNull();
    const values: number[] = [];
    for (let i = 1; i < line!.length; i += 2) {
      values.push(Number(line![i]) * (line![i + 1] === 's' ? 1000 : 1));
    }
    const [total, preparation, open, runs, , , compute, , verification, closing] = values;
    expect(preparation + open + runs + verification + closing).toBeLessThanOrEqual(total * 1.01 + 1);
    expect(compute).toBeGreaterThan(0);
    expect(runs).toBeGreaterThan(0);
  });
});
