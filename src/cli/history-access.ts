// Opening the run history for one CLI command: the --db flag's help and the open/close wrapper every
// history command shares, so they all report a bad file or an unknown run the same way (exit 2).
import { BadRequestError, NotFoundError } from '../engine/service.js';
import { DatabaseFileError, defaultDbPath, openStore, type Store } from '../engine/store/index.js';
import { UsageError } from './errors.js';

export const DB_HELP = 'history database file (default: $CBENCH_DB or the user data folder)';

/** Opens the history for one command and closes it after; bad input becomes a UsageError (exit 2). */
export async function withHistory<T>(
  dbFlag: string | undefined,
  action: (store: Store) => T | Promise<T>,
): Promise<T> {
  let store: Store;
  try {
    store = openStore(dbFlag ?? defaultDbPath());
  } catch (caught) {
    if (caught instanceof DatabaseFileError)
      throw new UsageError(`${dbFlag ? '--db: ' : ''}${caught.message}`);
    throw caught;
  }
  try {
    return await action(store);
  } catch (caught) {
    if (caught instanceof NotFoundError || caught instanceof BadRequestError)
      throw new UsageError(caught.message);
    throw caught;
  } finally {
    store.close();
  }
}
