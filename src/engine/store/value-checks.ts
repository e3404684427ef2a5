// The small checks the hand-written result validator is built from: each mirrors one zod rule (finite
// number, bounded text, enum, strict object, array) and words its problem the way zod would.
/** The first problem found: where (keys and indexes below the checked value) and what. */
export interface ResultIssue {
  path: Array<string | number>;
  message: string;
}

/** The longest text a result may carry, where no field sets its own bound. */
export const TEXT_MAX = 4096;

export function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function issue(message: string, key?: string | number): ResultIssue {
  return { path: key === undefined ? [] : [key], message };
}

export function inside(found: ResultIssue, key: string | number): ResultIssue {
  found.path.unshift(key);
  return found;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Leaf checks return a message, or null when the value is fine.
export function finite(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value)
    ? null
    : `expected a finite number, got ${kind(value)}`;
}

export function count(value: unknown): string | null {
  if (typeof value !== 'number') return `expected a non-negative integer, got ${kind(value)}`;
  return Number.isSafeInteger(value) && value >= 0 ? null : `expected a non-negative integer, got ${value}`;
}

export function text(value: unknown, max = TEXT_MAX): string | null {
  if (typeof value !== 'string') return `expected a string, got ${kind(value)}`;
  return value.length <= max ? null : `expected at most ${max} characters, got ${value.length}`;
}

export function bool(value: unknown): string | null {
  return typeof value === 'boolean' ? null : `expected true or false, got ${kind(value)}`;
}

export function oneOf(value: unknown, allowed: readonly string[]): string | null {
  if (typeof value === 'string' && allowed.includes(value)) return null;
  const got = typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : kind(value);
  return `expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${got}`;
}

/**
 * Unknown keys make a strict object invalid. `present` is how many of its known keys hold a value; only an
 * object with more keys than that is searched for the stranger (the others may be known keys set to
 * undefined, which JSON cannot express and zod allows for optional keys).
 */
export function strangerKey(
  value: Record<string, unknown>,
  present: number,
  known: readonly string[],
): ResultIssue | null {
  let keys = 0;
  for (const _key in value) keys++;
  if (keys === present) return null;
  for (const key in value) {
    if (!known.includes(key)) return issue(`unknown key ${JSON.stringify(key.slice(0, 100))}`);
  }
  return null;
}

export function notObject(value: unknown, key?: string | number): ResultIssue {
  return issue(`expected an object, got ${kind(value)}`, key);
}

export type Check = (value: unknown) => ResultIssue | null;

export function arrayOf(value: unknown, check: Check): ResultIssue | null {
  if (!Array.isArray(value)) return issue(`expected an array, got ${kind(value)}`);
  for (let i = 0; i < value.length; i++) {
    const found = check(value[i]);
    if (found) return inside(found, i);
  }
  return null;
}

export function leafArray(value: unknown, check: (item: unknown) => string | null): ResultIssue | null {
  if (!Array.isArray(value)) return issue(`expected an array, got ${kind(value)}`);
  for (let i = 0; i < value.length; i++) {
    const message = check(value[i]);
    if (message) return issue(message, i);
  }
  return null;
}

export const textItem = (item: unknown): string | null => text(item);
