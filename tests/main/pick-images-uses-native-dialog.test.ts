// images:pick opens the native open dialog (multi-select, image filters) and returns what the user chose.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShellProcess } from './support/shell.js';

describe('pickImages', () => {
  let shell: ShellProcess;
  beforeAll(async () => {
    shell = await ShellProcess.start();
  });
  afterAll(() => shell?.dispose());

  it('returns the files chosen in the dialog', async () => {
    const chosen = [path.resolve(import.meta.dirname, '..', '..', 'package.json')];
    await shell.order('setDialogResponse', { response: { canceled: false, filePaths: chosen } });
    expect(await shell.api('pickImages')).toEqual({ paths: chosen });
    const [options] =
      await shell.order<Array<{ properties: string[]; filters: Array<{ extensions: string[] }> }>>(
        'openDialogs',
      );
    expect(options.properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
    expect(options.filters[0].extensions).toEqual(expect.arrayContaining(['jpg', 'png', 'webp']));
  });

  it('returns no paths when the dialog is cancelled', async () => {
    await shell.order('setDialogResponse', { response: { canceled: true, filePaths: [] } });
    expect(await shell.api('pickImages')).toEqual({ paths: [] });
  });
});
