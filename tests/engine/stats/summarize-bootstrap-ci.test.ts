import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/engine/stats/summarize.js';

describe('bootstrap CI of the median', () => {
  const values = [12.1, 11.8, 12.6, 13.9, 12.0, 12.3, 11.7, 12.2, 15.0, 12.4];

  it('is replayable from its seed', () => {
    expect(summarize(values, 7).ci95Ms).toEqual(summarize(values, 7).ci95Ms);
  });

  it('is narrower than the observed range for a tight sample with one slow value', () => {
    const s = summarize(values);
    // resampled medians of 10 values rarely reach the extremes 11.7 and 15.0
    expect(s.ci95Ms[0]).toBeGreaterThan(11.7);
    expect(s.ci95Ms[1]).toBeLessThan(15.0);
  });

  it('contains the median and lies within the observed range', () => {
    const s = summarize(values);
    expect(s.ci95Ms[0]).toBeLessThanOrEqual(s.medianMs);
    expect(s.ci95Ms[1]).toBeGreaterThanOrEqual(s.medianMs);
    expect(s.ci95Ms[0]).toBeGreaterThanOrEqual(s.minMs);
    expect(s.ci95Ms[1]).toBeLessThanOrEqual(s.maxMs);
    expect(s.ci95Ms[1]).toBeGreaterThan(s.ci95Ms[0]);
  });
});
