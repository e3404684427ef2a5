// Parsers for flag values that several commands take, so a list or a number is read and refused the same
// way whichever command it is given to.
import { InvalidArgumentError } from 'commander';
import { UsageError } from './errors.js';

/** "a, b,c" -> ["a", "b", "c"]; an empty list is refused. */
export function commaList(value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list');
  return items;
}

/** Any whole number, sign allowed: the range is checked by the spec builder, which names the bad value. */
export function integer(value: string): number {
  if (!/^[+-]?\d+$/.test(value.trim())) throw new InvalidArgumentError('not an integer');
  return Number(value);
}

export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
    }
    return n;
  };
}
