// Settings: the window reopens where and as large as it was left; an unreadable settings file means the
// defaults, never a failed start.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ShellProcess } from './support/shell.js';

interface Inspection {
  windowOptions: { x?: number; y?: number; width: number; height: number };
}

describe('window bounds', () => {
  const shells: ShellProcess[] = [];
  afterEach(async () => {
    for (const shell of shells.splice(0).reverse()) await shell.dispose();
  });

  it('are saved on close and used by the next launch', async () => {
    const first = await ShellProcess.start();
    shells.push(first);
    await first.order('resizeWindow', { bounds: { x: 40, y: 30, width: 1010, height: 707 } });
    await first.order('quit');
    expect((await first.exited).code).toBe(0);

    const second = await ShellProcess.start({ dir: first.dir });
    shells.push(second);
    const { windowOptions } = await second.order<Inspection>('inspect');
    expect(windowOptions).toMatchObject({ x: 40, y: 30, width: 1010, height: 707 });
  });

  it('fall back to the defaults when the settings file is corrupt', async () => {
    const first = await ShellProcess.start();
    shells.push(first);
    await first.stop();
    writeFileSync(path.join(first.dir, 'userData', 'settings.json'), '{"windowBounds": {"width": "huge"');
    const second = await ShellProcess.start({ dir: first.dir });
    shells.push(second);
    const { windowOptions } = await second.order<Inspection>('inspect');
    expect(windowOptions).toMatchObject({ width: 1280, height: 860 });
  });
});
