import { describe, expect, it } from 'vitest';
import { seededRng, shuffled } from '../../../src/engine/stats/shuffle.js';

describe('seeded shuffle', () => {
  const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

  it('replays the same orders from the same seed', () => {
    const r1 = seededRng(123);
    const r2 = seededRng(123);
    for (let i = 0; i < 5; i++) expect(shuffled(items, r1)).toEqual(shuffled(items, r2));
  });

  it('returns a permutation and leaves the input untouched', () => {
    const out = shuffled(items, seededRng(9));
    expect(out.slice().sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('varies the order between draws (not one fixed permutation)', () => {
    const rng = seededRng(5);
    const orders = new Set(Array.from({ length: 20 }, () => shuffled(items, rng).join('')));
    expect(orders.size).toBeGreaterThan(15);
  });

  it('draws uniform values in [0, 1)', () => {
    const rng = seededRng(1);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const v = rng();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      sum += v;
    }
    expect(sum / 10000).toBeGreaterThan(0.47);
    expect(sum / 10000).toBeLessThan(0.53);
  });
});
