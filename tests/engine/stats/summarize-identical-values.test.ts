import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/engine/stats/summarize.js';

describe('summarize when the MAD is zero', () => {
  it('identical values: zero spread, CI collapsed on the value, nothing flagged', () => {
    const s = summarize([7, 7, 7, 7]);
    expect(s.madMs).toBe(0);
    expect(s.relativeSpread).toBe(0);
    expect(s.ci95Ms).toEqual([7, 7]);
    expect(s.outliers).toEqual([]);
  });

  it('one slow repetition among identical ones is still flagged (mean absolute deviation fallback)', () => {
    const s = summarize([10, 10, 10, 10, 50]);
    expect(s.madMs).toBe(0);
    expect(s.outliers).toEqual([4]);
  });
});
