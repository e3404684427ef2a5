// Opening the history database without ever damaging the user's data: an existing file is checked
// read-only first (header, size, owner, schema version, page integrity) and only then opened for writing.
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID, SCHEMA_VERSION, migrate } from './migrations.js';
import { openNative, type SqliteDatabase } from './native.js';

/** The database file cannot be used; the message names the file and why, and the file was not modified. */
export class DatabaseFileError extends Error {
  constructor(
    readonly file: string,
    why: string,
  ) {
    super(`cannot use history database ${file}: ${why}; the file was left untouched`);
  }
}

const MAGIC = 'SQLite format 3\0';

/** Checks the 100-byte SQLite header: magic string, and that the file holds as many pages as it declares. */
function checkHeader(file: string, sizeBytes: number): void {
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC) {
    throw new DatabaseFileError(file, 'it is not an SQLite database (bad header)');
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSizeBytes = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSizeBytes < 512 || (pageSizeBytes & (pageSizeBytes - 1)) !== 0) {
    throw new DatabaseFileError(file, `its header is corrupt (page size ${rawPageSize})`);
  }
  // The in-header page count is only meaningful when the change counter matches "version-valid-for".
  const pages = header.readUInt32BE(28);
  const valid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (valid && pages > 0 && sizeBytes < pages * pageSizeBytes) {
    throw new DatabaseFileError(
      file,
      `it is truncated (${sizeBytes} bytes on disk, the header declares ${pages * pageSizeBytes})`,
    );
  }
  if (sizeBytes % pageSizeBytes !== 0) {
    throw new DatabaseFileError(file, `it is truncated (${sizeBytes} bytes is not a whole number of pages)`);
  }
}

function sqliteMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${message} (${code})` : message;
}

/** Read-only inspection of an existing file; throws DatabaseFileError before anything writes to it. */
function inspectExisting(file: string, sizeBytes: number, options: OpenOptions): void {
  const integrityCheck = options.integrityCheck ?? 'auto';
  checkHeader(file, sizeBytes);
  // Even a read-only connection creates the -wal and -shm companions of a WAL database; when the file is
  // refused, the ones it created are removed so that nothing is left behind next to the user's file.
  const companions = [`${file}-wal`, `${file}-shm`].filter((f) => !existsSync(f));
  let db: SqliteDatabase | undefined;
  try {
    db = openNative(file, { readonly: true, fileMustExist: true }, options.sqliteBinding);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== 0 && appId !== APPLICATION_ID) {
      throw new DatabaseFileError(file, `it belongs to another application (application_id ${appId})`);
    }
    if (appId === 0) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as {
        n: number;
      };
      if (tables.n > 0) throw new DatabaseFileError(file, 'it is an SQLite database of another application');
    }
    if (version > SCHEMA_VERSION) {
      throw new DatabaseFileError(
        file,
        `its schema version ${version} is newer than this build supports (${SCHEMA_VERSION}); update Concurrency Bench`,
      );
    }
    const check =
      integrityCheck === 'auto' ? (sizeBytes <= FULL_CHECK_MAX_BYTES ? 'full' : 'runs') : integrityCheck;
    const targets = check === 'full' ? ['quick_check(5)'] : check === 'runs' ? RUN_TABLE_CHECKS : [];
    for (const pragma of targets) {
      const rows = db.pragma(pragma) as Array<{ quick_check: string }>;
      if (rows.length !== 1 || rows[0].quick_check !== 'ok') {
        throw new DatabaseFileError(file, `it is corrupt (${rows.map((r) => r.quick_check).join('; ')})`);
      }
    }
  } catch (error) {
    db?.close();
    db = undefined;
    for (const created of companions) rmSync(created, { force: true });
    if (error instanceof DatabaseFileError) throw error;
    throw new DatabaseFileError(file, `SQLite cannot read it: ${sqliteMessage(error)}`);
  } finally {
    db?.close();
  }
}

/**
 * How much of an existing file SQLite's quick_check reads before the file is opened for writing:
 * `full` every page; `runs` the machines and runs tables with their indexes (what listing and recording
 * touch); `auto` full up to FULL_CHECK_MAX_BYTES, runs above (a full check of a 600 MB history costs about a
 * second on every CLI command; damage in result pages still surfaces as an error when that run is read).
 */
export type IntegrityCheck = 'full' | 'runs' | 'auto' | 'none';

/** Largest file checked page by page on every open by default. */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;
const RUN_TABLE_CHECKS = ['quick_check(machines)', 'quick_check(runs)'];

export interface OpenOptions {
  /** Default 'auto'. */
  integrityCheck?: IntegrityCheck;
  /**
   * Under Electron, the better_sqlite3.node built for it (default: $CBENCH_SQLITE_BINDING, else
   * native/electron in the checkout or the packaged app's resources). Ignored under Node.
   */
  sqliteBinding?: string;
}

/** Opens (creating if absent) and migrates the history database at `file`. */
export function openDatabase(file: string, options: OpenOptions = {}): SqliteDatabase {
  const absolute = path.resolve(file);
  let sizeBytes: number | null = null;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) throw new DatabaseFileError(absolute, 'it is not a regular file');
    sizeBytes = stat.size;
  } catch (error) {
    if (error instanceof DatabaseFileError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new DatabaseFileError(absolute, (error as Error).message);
    }
  }
  if (sizeBytes === null) {
    mkdirSync(path.dirname(absolute), { recursive: true });
  } else if (sizeBytes === 0) {
    // A zero-byte file is what a failed copy or a truncation to nothing leaves; treating it as a fresh
    // database would silently start an empty history over the user's file.
    throw new DatabaseFileError(absolute, 'it is empty (0 bytes), not a history database');
  } else {
    inspectExisting(absolute, sizeBytes, options);
  }
  const db = openNative(absolute, {}, options.sqliteBinding);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 32 MiB of page cache: imports and 10,000-run listings touch more than the 2 MiB default holds.
    db.pragma('cache_size = -32768');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseFileError) throw error;
    throw new DatabaseFileError(absolute, sqliteMessage(error));
  }
}
