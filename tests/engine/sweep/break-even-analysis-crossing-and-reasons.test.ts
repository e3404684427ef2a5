import { describe, expect, it } from 'vitest';
import { analyzeBreakEven, type BreakEvenPlan } from '../../../src/shared/scaling.js';
import { around, result } from './helpers.js';

const plan: BreakEvenPlan = {
  kind: 'break-even',
  workload: 'primes',
  workers: 2,
  minSize: 100,
  maxSize: 6400,
  cpuCount: 2,
};

/** sequential: 0.01 ms per unit; the model: 20 ms fixed + 0.005 ms per unit, so both take 40 ms at 4000. */
function at(size: number, model: 'worker-threads' | 'processes', fixedMs: number, perUnitMs: number) {
  const id = `primes:limit=${size}:memo=off`;
  return [
    result('sequential', 2, size, around(0.01 * size), id),
    result(model, 2, size, around(fixedMs + perUnitMs * size), id),
  ];
}

describe('analyzeBreakEven', () => {
  it('interpolates the crossing between the bracketing sizes, with a CI inside the bracket', () => {
    const results = [100, 400, 1600, 3200, 6400].flatMap((s) => at(s, 'worker-threads', 20, 0.005));
    const [m] = analyzeBreakEven(plan, results).models;
    expect(m.verdict).toBe('crosses');
    expect(m.crossing!.bracket).toEqual([3200, 6400]);
    expect(m.crossing!.size).toBeGreaterThan(3200);
    expect(m.crossing!.size).toBeLessThan(6400);
    expect(m.crossing!.size / 4000).toBeGreaterThan(0.85);
    expect(m.crossing!.size / 4000).toBeLessThan(1.15);
    expect(m.crossing!.ci95[0]).toBeGreaterThanOrEqual(3200);
    expect(m.crossing!.ci95[1]).toBeLessThanOrEqual(6400);
  });

  it('says a model with a lower per-unit cost would pay off only beyond the bound', () => {
    const results = [100, 400, 1600, 6400].flatMap((s) => at(s, 'processes', 200, 0.005));
    const [m] = analyzeBreakEven(plan, results).models;
    expect(m.verdict).toBe('never');
    expect(m.reason).toMatch(
      /fixed cost of \d+(\.\d)? ms over sequential \(start-up 40\.0 ms inside each run\).*pays back only from about 40000, beyond the bound 6400/,
    );
  });

  it('says a model whose per-unit cost is no lower than sequential never pays off', () => {
    const results = [100, 400, 1600, 6400].flatMap((s) => at(s, 'processes', 5, 0.02));
    const analysis = analyzeBreakEven(plan, results);
    expect(analysis.models[0].reason).toMatch(/cost per unit of size .* is no lower than sequential's/);
    expect(analysis.conclusions[0]).toMatch(/^processes: never pays off up to 6400: /);
  });

  it('says when a model is already faster at the smallest size', () => {
    const results = [100, 400].flatMap((s) => at(s, 'worker-threads', 0, 0.001));
    const model = analyzeBreakEven(plan, results).models[0];
    expect(model.verdict).toBe('always');
    // It names the size and both times there, and the fixed cost sequential pays that a thread can undercut.
    expect(model.reason).toMatch(
      /^already faster than sequential at the smallest size tried \(100: [\d.]+ (µs|ms) vs [\d.]+ (µs|ms)\); sequential's time includes a round trip to its child process on every run$/,
    );
  });
});
