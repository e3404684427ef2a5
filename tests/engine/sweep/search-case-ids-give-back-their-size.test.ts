// The GUI lists each point a break-even search adds before any result carries its parameters, reading the
// size back from the case id: the engine's ids (caseFor) and that reading must agree for every workload.
import { describe, expect, it } from 'vitest';
import { caseFor } from '../../../src/engine/suites.js';
import type { WorkloadParams } from '../../../src/shared/results.js';
import { searchCaseParams, sizeOf, withSize } from '../../../src/shared/scaling.js';

const templates: WorkloadParams[] = [
  { workload: 'primes', limit: 5_000, memo: 'off' },
  { workload: 'matrix', size: 16, seed: 7, kernel: 'tuned' },
  { workload: 'images', inputs: ['/a.jpg', '/b.jpg'], width: 128, height: 128 },
];

describe('searchCaseParams', () => {
  for (const template of templates) {
    it(`reads the size back from a ${template.workload} case id, measured once or again`, () => {
      for (const size of [1, 37, 20_000]) {
        const id = caseFor(withSize(template, size)).id;
        for (const shown of [id, `${id}#2`]) {
          const params = searchCaseParams(template, shown);
          expect(params).toEqual(withSize(template, size));
          expect(sizeOf(params!)).toBe(size);
        }
      }
    });
  }

  it('returns null for an id of another workload', () => {
    expect(searchCaseParams(templates[0], caseFor(withSize(templates[1], 64)).id)).toBeNull();
  });
});
