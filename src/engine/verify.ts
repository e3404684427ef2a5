// Verification of a repetition's digest against the case's reference digest.
import type { Digest, Verification } from '../shared/results.js';

function show(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}

/**
 * Compares `actual` with `expected`: every exact field must be equal, every approximate field within the
 * expected relative tolerance. The reason names the first field that differs and both values.
 */
export function verifyDigest(expected: Digest, actual: Digest): Verification {
  for (const [field, want] of Object.entries(expected.values)) {
    if (!(field in actual.values))
      return { ok: false, reason: `wrong result: ${field} missing, expected ${show(want)}` };
    const got = actual.values[field];
    if (got !== want)
      return { ok: false, reason: `wrong result: ${field} ${show(got)} != expected ${show(want)}` };
  }
  const tolerance = expected.tolerance ?? 0;
  for (const [field, want] of Object.entries(expected.approx ?? {})) {
    const got = actual.approx?.[field];
    if (got === undefined) return { ok: false, reason: `wrong result: ${field} missing, expected ${want}` };
    const scale = Math.max(Math.abs(want), Math.abs(got), Number.MIN_VALUE);
    const relative = Math.abs(got - want) / scale;
    if (!(relative <= tolerance)) {
      return {
        ok: false,
        reason: `wrong result: ${field} ${got} != expected ${want} (relative difference ${relative.toExponential(2)} > tolerance ${tolerance})`,
      };
    }
  }
  return { ok: true };
}
