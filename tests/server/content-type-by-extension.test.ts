import { expect, test } from 'vitest';
import { contentTypeOf } from '../../src/shared/content-types.js';

// One table serves app:// and `cbench serve`: the type comes from the file's own extension, case-insensitive,
// never from a dot in a folder name or a leading dot, and an unknown one is served as plain bytes.
test('the content type is read from the extension of the file name alone', () => {
  expect(contentTypeOf('/out/renderer/assets/index-abc.JS')).toBe('text/javascript; charset=utf-8');
  expect(contentTypeOf('C:\\app\\out\\renderer\\index.html')).toBe('text/html; charset=utf-8');
  expect(contentTypeOf('/out/renderer/kernel.wasm')).toBe('application/wasm');
  expect(contentTypeOf('/out/renderer/fonts.d/LICENSE')).toBe('application/octet-stream');
  expect(contentTypeOf('/out/renderer/.hidden')).toBe('application/octet-stream');
  expect(contentTypeOf('/out/renderer/data.bin')).toBe('application/octet-stream');
});
