// processes: N child processes spawned for every repetition, static partition (the article's multiprocessing.Pool).
import { coldModel } from './cold.js';

/** N child processes started inside each repetition, one equal share each. */
export const processesModel = coldModel(
  'processes',
  'N child processes spawned per repetition, static equal partition',
  'child',
);
