import { describe, expect, it } from 'vitest';
import { getModel, MODELS } from '../../../src/engine/models/index.js';
import { MODEL_IDS, type ModelId } from '../../../src/shared/results.js';

describe('model registry', () => {
  it('holds one model per id, in order, cold exactly for the spawn-per-repetition ones', () => {
    expect(MODELS.map((m) => m.id)).toEqual([...MODEL_IDS]);
    for (const id of MODEL_IDS) expect(getModel(id).id).toBe(id);
    expect(MODELS.filter((m) => m.cold).map((m) => m.id)).toEqual(['worker-threads', 'processes']);
    for (const m of MODELS) expect(m.description.length).toBeGreaterThan(10);
  });

  it('names an unknown id', () => {
    expect(() => getModel('fibers' as ModelId)).toThrow('unknown model "fibers"');
  });
});
