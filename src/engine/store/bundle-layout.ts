// Finds where each run lies in a bundle's text, so that an import can parse, check and store one run at a
// time. Parsing the whole text at once builds a tree of about 200 MB for a 1,000-run bundle, all of which
// the garbage collector copies into the old generation; a run parsed on its own dies young. This is only a
// shortcut: whenever the text is not plainly `{ ..., "runs": [ {...}, ... ], ... }` it answers null and the
// caller parses the whole text, which also yields JSON.parse's own message for a broken file.

/** The span of the top-level "runs" array and of each of its elements (ends exclusive). */
export interface BundleLayout {
  /** Index of the array's `[`. */
  runsStart: number;
  /** Index just after the array's `]`. */
  runsEnd: number;
  /** [start, end) of each element's text, surrounding whitespace included. */
  runs: Array<[number, number]>;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index of the quote closing the string that opens at `open`, or -1 when the text ends first. */
function stringEnd(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  // A quote preceded by an odd number of backslashes is escaped and does not close the string.
  while (close > 0 && text.charCodeAt(close - 1) === BACKSLASH) {
    let first = close - 1;
    while (text.charCodeAt(first - 1) === BACKSLASH) first--;
    if ((close - first) % 2 === 0) break;
    close = text.indexOf('"', close + 1);
  }
  return close;
}

/**
 * Locates the top-level "runs" array and its elements, or returns null when the text is not an object with
 * exactly one such key (spelled without escapes) whose array and whole text close properly. The spans are
 * only as good as the text: callers parse every piece with JSON.parse, which rejects what this let through.
 */
export function locateRuns(text: string): BundleLayout | null {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return null;
  let depth = 0;
  let runsStart = -1;
  let runsEnd = -1;
  let elementStart = -1;
  const runs: Array<[number, number]> = [];
  const length = text.length;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    // Digits, signs, points, colons and spaces make up most of what is outside strings: pass them first.
    if (c < OPEN_BRACKET && c !== QUOTE && c !== COMMA) continue;
    if (c === QUOTE) {
      const close = stringEnd(text, i);
      if (close < 0) return null;
      if (depth === 1) {
        const next = skipSpace(text, close + 1);
        if (text.charCodeAt(next) === COLON) {
          const key = text.slice(i + 1, close);
          // An escaped key could spell "runs" unseen; leave such texts to the whole parse.
          if (key.includes('\\')) return null;
          if (key === 'runs') {
            if (runsStart >= 0) return null;
            const value = skipSpace(text, next + 1);
            if (text.charCodeAt(value) !== OPEN_BRACKET) return null;
            runsStart = value;
            elementStart = value + 1;
            depth = 2;
            i = value;
            continue;
          }
        }
      }
      i = close;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 2 && elementStart >= 0) {
        // The end of the runs array; an empty one holds no element, not one empty element.
        if (c !== CLOSE_BRACKET) return null;
        if (runs.length > 0 || skipSpace(text, elementStart) < i) runs.push([elementStart, i]);
        runsEnd = i + 1;
        elementStart = -1;
      }
      depth--;
      if (depth === 0) {
        // The bundle object closed: only whitespace may follow it.
        const complete = runsStart >= 0 && skipSpace(text, i + 1) === text.length;
        return complete ? { runsStart, runsEnd, runs } : null;
      }
      if (depth < 0) return null;
    } else if (c === COMMA && depth === 2 && elementStart >= 0) {
      runs.push([elementStart, i]);
      elementStart = i + 1;
    }
  }
  return null;
}
