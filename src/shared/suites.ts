// The suites and what each runs by default: plain data shared by the engine (which builds specs from it),
// the CLI's --help and the GUI's suite picker, so no copy of these numbers is kept by hand anywhere.
import type { MemoMode, SuiteId } from './results.js';

export interface SuiteDefaults {
  primesLimit: number;
  memo: MemoMode[];
  matrixSize: number;
  /** How many bundled samples the images case uses (the smallest first); 'all' for the whole set. */
  images: number | 'all';
  reps: number;
  warmup: number;
}

export interface SuiteDescription {
  id: SuiteId;
  title: string;
  description: string;
  defaults: SuiteDefaults;
}

/** The suites, with what each runs by default (for --help and the GUI). */
export const SUITES: Record<SuiteId, SuiteDescription> = {
  quick: {
    id: 'quick',
    title: 'Quick',
    description:
      'seconds in total: primes to 20,000, the 2 smallest sample images, matrix 128x128; 3 reps, 1 warm-up',
    defaults: { primesLimit: 20_000, memo: ['off'], matrixSize: 128, images: 2, reps: 3, warmup: 1 },
  },
  article: {
    id: 'article',
    title: 'Article',
    description:
      "the article's parameters: primes to 300,000 (memo off and warm), its 4 images to 128x128, matrix 3000x3000; 5 reps, 1 warm-up",
    defaults: {
      primesLimit: 300_000,
      memo: ['off', 'warm'],
      matrixSize: 3000,
      images: 'all',
      reps: 5,
      warmup: 1,
    },
  },
  scaled: {
    id: 'scaled',
    title: 'Scaled',
    description:
      'about a second per sequential run, enough work for parallel speed-ups to show: primes to 3,000,000, the 4 images, matrix 1200x1200; 5 reps, 1 warm-up',
    // Measured on a 2-core machine (sequential): primes 2e6 ~0.7 s, matrix 1000 ~0.5 s; scaled up to reach ~1 s.
    defaults: { primesLimit: 3_000_000, memo: ['off'], matrixSize: 1200, images: 'all', reps: 5, warmup: 1 },
  },
  custom: {
    id: 'custom',
    title: 'Custom',
    description:
      'the quick defaults, with any option overridden (workloads, models, limit, memo, size, kernel, images, ...)',
    defaults: { primesLimit: 20_000, memo: ['off'], matrixSize: 128, images: 2, reps: 3, warmup: 1 },
  },
};
