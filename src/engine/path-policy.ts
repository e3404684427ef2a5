// Which files a caller of the service may name. The GUI's backend reads whatever path a payload names (sharp
// opens it, a folder is listed), so a page holding the token, or a compromised renderer, could otherwise read
// any image on the disk. The policy allows public roots (run outputs, bundled samples) plus, per scope (a web
// session, a desktop window), what that scope was given: its uploads, or what the user picked or dropped.
// Paths are resolved (symlinks included) before the containment check, and nothing is opened before it.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { BadRequestError } from './service.js';

/** Whether `child` is `root` or lies below it (both already resolved). */
export function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The path with every symlink resolved. A path that does not exist (yet) resolves its longest existing
 * ancestor and keeps the rest as written, so "allowed/missing.png" stays inside "allowed" and is then
 * reported as missing, while "link-out/missing.png" is judged by where "link-out" leads.
 */
export async function resolveReal(absolute: string): Promise<string> {
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) throw error;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** Where a checked path came from, for the error message: `run:start` `images`. */
export interface PathField {
  channel: string;
  field: string;
}

export class PathPolicy {
  private readonly publicRoots: string[] = [];
  private readonly grants = new Map<string, Set<string>>();

  /** `allowedWhat` ends the refusal message: "uploads of this session, run outputs and the bundled samples". */
  constructor(private readonly allowedWhat: string) {}

  /** A folder (or file) every scope may read. One that does not exist is skipped: it holds nothing. */
  async addPublicRoot(root: string): Promise<void> {
    const real = await realpath(path.resolve(root)).catch(() => null);
    if (real && !this.publicRoots.includes(real)) this.publicRoots.push(real);
  }

  /** Lets `scope` read these files or folders (and what lies below the folders); returns how many exist. */
  async grant(scope: string, paths: readonly string[]): Promise<number> {
    const reals = await Promise.all(
      paths.filter((p) => path.isAbsolute(p)).map((p) => realpath(p).catch(() => null)),
    );
    let granted = this.grants.get(scope);
    if (!granted) this.grants.set(scope, (granted = new Set()));
    let count = 0;
    for (const real of reals) {
      if (real) {
        granted.add(real);
        count++;
      }
    }
    return count;
  }

  /** Forgets everything granted to `scope` (its session or window is gone). */
  revoke(scope: string): void {
    this.grants.delete(scope);
  }

  /** Whether `real` (already resolved) is readable by `scope`. */
  allows(scope: string | undefined, real: string): boolean {
    const granted = scope === undefined ? undefined : this.grants.get(scope);
    return (
      this.publicRoots.some((root) => isInside(real, root)) ||
      [...(granted ?? [])].some((root) => isInside(real, root))
    );
  }

  /**
   * The resolved path of `given` when `scope` may read it; otherwise throws BadRequestError naming the
   * channel, the field and the path. Only resolves the path (lstat/readlink), never opens it.
   */
  async check(scope: string | undefined, where: PathField, given: string): Promise<string> {
    const refuse = (why: string): never => {
      throw new BadRequestError(`${where.channel}: ${where.field}: ${JSON.stringify(given)} ${why}`);
    };
    if (given.includes('\0')) refuse('contains a NUL byte');
    if (!path.isAbsolute(given)) refuse('is not an absolute path');
    let real: string;
    try {
      real = await resolveReal(path.resolve(given));
    } catch (error) {
      return refuse(`cannot be resolved (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!this.allows(scope, real)) {
      refuse(`is outside the files this caller may read (${this.allowedWhat})`);
    }
    return real;
  }
}
