import { describe, expect, it } from 'vitest';
import {
  amdahlSerialFraction,
  bestWorkerCount,
  gustafsonSerialFraction,
  karpFlatt,
} from '../../../src/shared/scaling.js';

const amdahl = (s: number, n: number): number => 1 / (s + (1 - s) / n);

describe('scaling laws on exact data', () => {
  it('recovers the serial fraction that generated Amdahl speed-ups', () => {
    const points = [2, 3, 4, 8].map((n) => ({ workers: n, speedup: amdahl(0.1, n) }));
    expect(amdahlSerialFraction(points)).toBeCloseTo(0.1, 10);
  });

  it('gives the Karp-Flatt fraction of each point, and none at one worker', () => {
    expect(karpFlatt(amdahl(0.25, 4), 4)).toBeCloseTo(0.25, 10);
    expect(karpFlatt(2, 2)).toBeCloseTo(0, 10);
    expect(karpFlatt(1, 1)).toBeNull();
  });

  it('recovers the serial fraction of Gustafson scaled speed-ups', () => {
    const points = [2, 4, 8].map((n) => ({ workers: n, speedup: n - 0.2 * (n - 1) }));
    expect(gustafsonSerialFraction(points)).toBeCloseTo(0.2, 10);
  });

  it('has no fit without a point above one worker', () => {
    expect(amdahlSerialFraction([{ workers: 1, speedup: 1 }])).toBeNull();
  });

  it('picks the smallest worker count within the CI of the fastest', () => {
    const points = [
      { workers: 1, medianMs: 100, ci95Ms: [98, 102] as [number, number] },
      { workers: 2, medianMs: 51, ci95Ms: [50, 53] as [number, number] },
      { workers: 4, medianMs: 50, ci95Ms: [49, 52] as [number, number] },
      { workers: 8, medianMs: 60, ci95Ms: [58, 62] as [number, number] },
    ];
    expect(bestWorkerCount(points)).toBe(2);
    points[1].medianMs = 55;
    expect(bestWorkerCount(points)).toBe(4);
  });
});
