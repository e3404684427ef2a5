// The registry of concurrency models: one file per model, looked up by id.
import type { ModelId } from '../../shared/results.js';
import { MODEL_IDS } from '../../shared/results.js';
import { asyncModel } from './async.js';
import { processPoolModel } from './process-pool.js';
import { processesModel } from './processes.js';
import { sequentialModel } from './sequential.js';
import { sharedMemoryModel } from './shared-memory.js';
import type { Model } from './types.js';
import { workerPoolModel } from './worker-pool.js';
import { workerThreadsModel } from './worker-threads.js';

/** Every model, in the order of MODEL_IDS. */
export const MODELS: readonly Model[] = [
  sequentialModel,
  asyncModel,
  workerThreadsModel,
  workerPoolModel,
  processesModel,
  processPoolModel,
  sharedMemoryModel,
];

/** The model with this id; throws naming the id and the known ones when there is none. */
export function getModel(id: ModelId): Model {
  const model = MODELS.find((m) => m.id === id);
  if (!model) throw new Error(`unknown model "${String(id)}" (known: ${MODEL_IDS.join(', ')})`);
  return model;
}
