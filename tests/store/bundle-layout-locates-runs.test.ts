// The import parses a bundle run by run from the spans locateRuns finds; whatever it cannot read plainly it
// leaves (null) to the whole-text parse. Each span must hold exactly one run, whatever the strings contain.
import { expect, test } from 'vitest';
import { locateRuns } from '../../src/engine/store/bundle-layout.js';

const tricky = {
  format: 'concurrency-bench/bundle',
  version: 1,
  note: 'a "runs": [ value with {braces}, [brackets], commas, and a \\" quote \\\\',
  machines: [{ fingerprint: 'ab', noise: ['load 3.2, {high}'] }],
  runs: [
    { id: 'r-1', warnings: ['"quoted", {not: a key}', '\\', 'runs'], nested: [[1, [2]], { a: { b: [] } }] },
    { id: 'r-2', text: '}]},{"id":"fake"}', empty: {} },
    { id: 'r-3', runs: [{ id: 'inner' }] },
  ],
  after: { runs: 'not the top-level one' },
};

function runsAt(text: string): unknown[] {
  const layout = locateRuns(text);
  expect(layout).not.toBeNull();
  expect(text[layout!.runsStart]).toBe('[');
  expect(text[layout!.runsEnd - 1]).toBe(']');
  return layout!.runs.map(([start, end]) => JSON.parse(text.slice(start, end)));
}

test('each span holds one run, in compact and pretty-printed text, whatever the strings hold', () => {
  expect(runsAt(JSON.stringify(tricky))).toEqual(tricky.runs);
  expect(runsAt(JSON.stringify(tricky, null, 2))).toEqual(tricky.runs);
  expect(runsAt(`\n\t ${JSON.stringify(tricky, null, '\t')} \r\n`)).toEqual(tricky.runs);
  expect(runsAt(JSON.stringify({ ...tricky, runs: [] }))).toEqual([]);
  expect(runsAt(JSON.stringify({ ...tricky, runs: [] }, null, 2))).toEqual([]);
});

test('text that is not plainly a bundle object is left to the whole parse', () => {
  const text = JSON.stringify(tricky);
  const cases: Record<string, string> = {
    truncated: text.slice(0, text.length - 40),
    'trailing text': `${text} {}`,
    'a second runs key': text.replace('"after":', '"runs":[],"after":'),
    'an escaped key': text.replace('"after":', '"\\u0072uns":[],"after":'),
    'runs not an array': JSON.stringify({ ...tricky, runs: { a: 1 } }),
    'no runs key': JSON.stringify({ format: 'x', machines: [] }),
    'not an object': JSON.stringify([tricky]),
    'an unclosed string': '{"runs": [{"id": "r-1}]}',
    empty: '',
  };
  for (const [what, broken] of Object.entries(cases)) expect(locateRuns(broken), what).toBeNull();
});

test('a stray comma yields an empty piece, which JSON.parse then refuses', () => {
  const layout = locateRuns('{"runs": [{"id": "a"},, {"id": "b"}]}')!;
  const pieces = layout.runs.map(([s, e]) => '{"runs": [{"id": "a"},, {"id": "b"}]}'.slice(s, e));
  expect(pieces).toEqual(['{"id": "a"}', '', ' {"id": "b"}']);
  expect(() => JSON.parse(pieces[1])).toThrow();
});
