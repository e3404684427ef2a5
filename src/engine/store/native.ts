// better-sqlite3 is not N-API: its addon is built against one ABI. Node loads the build npm installed;
// Electron loads its own build (made by `npm run rebuild:electron` into native/electron/) through the
// `nativeBinding` option, so the two addons never meet in one process.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';

export type SqliteDatabase = BetterSqlite3.Database;
type DatabaseConstructor = typeof BetterSqlite3;

// Not named `require`: electron-vite's ESM shim declares a top-level `require` in the bundled main process,
// and a second declaration would make the bundle a SyntaxError.
const requireCjs = createRequire(import.meta.url);

/** Environment variable naming the Electron build's .node file, overriding where it is looked for. */
export const SQLITE_BINDING_ENV = 'CBENCH_SQLITE_BINDING';

const ADDON_FILE = 'better_sqlite3.node';

/** The command that builds the Electron addon; named in every error about it. */
export const REBUILD_COMMAND = 'npm run rebuild:electron';

/** The SQLite addon this runtime needs is missing or cannot be loaded; `fix` is the command that mends it. */
export class NativeAddonError extends Error {
  readonly fix = REBUILD_COMMAND;
}

/** What decides where the Electron build of the addon is; see electronBindingPath. */
export interface BindingLookup {
  /** An explicit .node file (the store's `sqliteBinding` option); wins over everything else. */
  override?: string;
  /** The environment, for $CBENCH_SQLITE_BINDING. */
  env?: NodeJS.ProcessEnv;
  /** The file of the running code: src/ or dist/engine/store/native.*, or the bundled out/main/...js. */
  moduleFile: string;
  /** Electron's process.resourcesPath; code running from inside it is a packaged app. */
  resourcesPath?: string;
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The checkout a module file belongs to: electron-vite bundles the store into <root>/out/main (the entry,
 * or a chunk below it); tsc and vitest run it from <root>/dist or <root>/src/engine/store.
 */
function checkoutRoot(moduleFile: string): string {
  const dir = path.dirname(moduleFile);
  const parts = dir.split(path.sep);
  const n = parts.length;
  if (parts[n - 2] === 'engine' && parts[n - 1] === 'store') return path.resolve(dir, '..', '..', '..');
  for (let i = n - 2; i >= 0; i--) {
    if (parts[i] === 'out' && parts[i + 1] === 'main') return parts.slice(0, i).join(path.sep) || path.sep;
  }
  // Some other bundling: a guess; the error for a missing file names the path and the override.
  return path.resolve(dir, '..', '..', '..');
}

/**
 * Where the Electron build of the addon is, decided without touching the disk: the override, else
 * $CBENCH_SQLITE_BINDING, else <resources>/native/electron in a packaged app, else native/electron in the
 * checkout the code runs from.
 */
export function electronBindingPath(lookup: BindingLookup = currentLookup()): string {
  if (lookup.override) return path.resolve(lookup.override);
  const fromEnv = lookup.env?.[SQLITE_BINDING_ENV];
  if (fromEnv) return path.resolve(fromEnv);
  const { moduleFile, resourcesPath } = lookup;
  if (resourcesPath && isInside(moduleFile, resourcesPath)) {
    return path.join(resourcesPath, 'native', 'electron', ADDON_FILE);
  }
  return path.join(checkoutRoot(moduleFile), 'native', 'electron', ADDON_FILE);
}

function currentLookup(override?: string): BindingLookup {
  const { resourcesPath } = process as NodeJS.Process & { resourcesPath?: string };
  return { override, env: process.env, moduleFile: fileURLToPath(import.meta.url), resourcesPath };
}

export interface NativeChoice {
  runtime: 'node' | 'electron';
  /** Passed as better-sqlite3's `nativeBinding`; undefined under Node (the npm-installed build). */
  nativeBinding: string | undefined;
}

/** Decides which addon build this process must load; throws naming the rebuild command when it is missing. */
export function chooseNativeBinding(
  versions: NodeJS.ProcessVersions = process.versions,
  bindingPath = electronBindingPath(),
): NativeChoice {
  const electron = (versions as NodeJS.ProcessVersions & { electron?: string }).electron;
  if (!electron) return { runtime: 'node', nativeBinding: undefined };
  if (!existsSync(bindingPath)) {
    throw new NativeAddonError(
      `the SQLite addon built for Electron ${electron} is missing (${bindingPath}); run "${REBUILD_COMMAND}"` +
        ` or set ${SQLITE_BINDING_ENV} to the better_sqlite3.node built for this Electron`,
    );
  }
  return { runtime: 'electron', nativeBinding: bindingPath };
}

let loaded: { ctor: DatabaseConstructor; choice: NativeChoice } | undefined;

/**
 * Opens a better-sqlite3 connection with the addon build that matches this runtime. `sqliteBinding` names
 * the Electron build's .node file (ignored under Node); the first connection decides for the process.
 */
export function openNative(
  file: string,
  options: BetterSqlite3.Options = {},
  sqliteBinding?: string,
): SqliteDatabase {
  if (!loaded) {
    const choice = chooseNativeBinding(process.versions, electronBindingPath(currentLookup(sqliteBinding)));
    loaded = { ctor: requireCjs('better-sqlite3') as DatabaseConstructor, choice };
  } else if (
    sqliteBinding &&
    loaded.choice.nativeBinding &&
    path.resolve(sqliteBinding) !== loaded.choice.nativeBinding
  ) {
    throw new Error(
      `the SQLite addon was already loaded from ${loaded.choice.nativeBinding}; ${path.resolve(sqliteBinding)} cannot be loaded in the same process`,
    );
  }
  const { ctor, choice } = loaded;
  try {
    return new ctor(
      file,
      choice.nativeBinding ? { ...options, nativeBinding: choice.nativeBinding } : options,
    );
  } catch (error) {
    // A .node file built for another runtime (NODE_MODULE_VERSION) or platform fails here, at dlopen.
    const code = (error as NodeJS.ErrnoException).code;
    if (
      choice.nativeBinding &&
      (code === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION|dlopen/.test(String(error)))
    ) {
      throw new NativeAddonError(
        `the SQLite addon at ${choice.nativeBinding} cannot be loaded by this Electron (${(error as Error).message}); run "${REBUILD_COMMAND}"`,
      );
    }
    throw error;
  }
}
