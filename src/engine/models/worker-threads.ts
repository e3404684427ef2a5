// worker-threads: N worker_threads spawned for every repetition, static equal partition (the article's threading,
// except that here the threads really run JavaScript in parallel).
import { coldModel } from './cold.js';

/** N worker threads started inside each repetition, one equal share each. */
export const workerThreadsModel = coldModel(
  'worker-threads',
  'N worker threads spawned per repetition, static equal partition, results posted back',
  'thread',
);
