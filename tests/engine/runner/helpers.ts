// Shared set-up for runner tests: a tiny primes case (real prepareCase and reference digest) and an
// event collector.
import type { CaseSpec, ModelId, RunEvent, SuiteSpec } from '../../../src/shared/results.js';

export function primesCase(limit = 2000, memo: 'off' | 'cold' | 'warm' = 'off'): CaseSpec {
  return { id: `primes:limit=${limit}:memo=${memo}`, params: { workload: 'primes', limit, memo } };
}

export function tinySpec(models: ModelId[], overrides: Partial<SuiteSpec> = {}): SuiteSpec {
  return {
    suite: 'custom',
    cases: [primesCase()],
    models,
    workers: 2,
    reps: 3,
    warmup: 1,
    shuffleSeed: 42,
    ...overrides,
  };
}

export function collect(): { events: RunEvent[]; onEvent: (event: RunEvent) => void } {
  const events: RunEvent[] = [];
  return { events, onEvent: (event) => events.push(event) };
}

export function ofType<T extends RunEvent['type']>(
  events: RunEvent[],
  type: T,
): Array<Extract<RunEvent, { type: T }>> {
  return events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
}
