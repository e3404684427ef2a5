// better-sqlite3 is not N-API: its addon is built against one ABI. Node loads the build npm installed;
// Electron loads its own build from native/electron/ (made by `npm run rebuild:electron`) through the
// `nativeBinding` option, so the two addons never meet in one process.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';

export type SqliteDatabase = BetterSqlite3.Database;
type DatabaseConstructor = typeof BetterSqlite3;

const require = createRequire(import.meta.url);

/** Project root: src/engine/store and dist/engine/store are both three levels below it. */
function projectRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

/** Where the Electron build of the addon lives (its own folder, never node_modules). */
export function electronBindingPath(root = projectRoot()): string {
  return path.join(root, 'native', 'electron', 'better_sqlite3.node');
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
    throw new Error(
      `the SQLite addon built for Electron ${electron} is missing (${bindingPath}); run "npm run rebuild:electron"`,
    );
  }
  return { runtime: 'electron', nativeBinding: bindingPath };
}

let loaded: { ctor: DatabaseConstructor; choice: NativeChoice } | undefined;

/** Opens a better-sqlite3 connection with the addon build that matches this runtime. */
export function openNative(file: string, options: BetterSqlite3.Options = {}): SqliteDatabase {
  loaded ??= { ctor: require('better-sqlite3') as DatabaseConstructor, choice: chooseNativeBinding() };
  const { ctor, choice } = loaded;
  return new ctor(file, choice.nativeBinding ? { ...options, nativeBinding: choice.nativeBinding } : options);
}
