// The embedded bundle cannot be broken out of, whatever the history holds, and reads back exactly; history
// strings in the report body are escaped.
import { expect, test } from 'vitest';
import { bundleTextOf, embedBundle } from '../../../src/engine/report/bundle-block.js';
import { esc } from '../../../src/engine/report/svg.js';

const HOSTILE = '</script><script>alert(1)</script><!-- & "quotes" \'single\' \u2028';

test('a bundle with "</script>" inside embeds as one block and reads back exactly', () => {
  const bundle = { format: 'x', label: HOSTILE, nested: [{ reason: HOSTILE }] };
  const block = embedBundle(bundle);
  expect(block.match(/<\/script>/g)).toHaveLength(1);
  expect(block.endsWith('</script>')).toBe(true);
  const html = `<!doctype html><html><body>${block}</body></html>`;
  const text = bundleTextOf(html);
  expect(typeof text).toBe('string');
  expect(JSON.parse(text as string)).toEqual(bundle);
});

test('a JSON bundle passes through untouched; an HTML file without one is an error', () => {
  expect(bundleTextOf('{"format":"concurrency-bench/bundle"}')).toBe('{"format":"concurrency-bench/bundle"}');
  expect(bundleTextOf('<!DOCTYPE html><p>no runs</p>')).toBeInstanceOf(Error);
});

test('esc leaves no markup', () => {
  expect(esc(HOSTILE)).not.toMatch(/[<>"']/);
  expect(esc('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
});
