// Images: the native file picker and the inspection of inputs and outputs (sizes, formats, thumbnails).
import path from 'node:path';
import { dialog, ipcMain, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { z } from 'zod';
import { MAX_IMAGE_PATHS } from '../engine/ipc-schemas.js';
import { describeIssues } from '../engine/store/schemas.js';
import type { DropChannel, DropReply } from '../shared/ipc.js';
import { IMAGE_CHANNELS } from './channels.js';
import { handleChannels, windowScope, type ShellContext } from './ipc.js';

// Everything sharp reads; the picker also allows "All files" because a bad file is a per-file error anyway.
const IMAGE_EXTENSIONS = [
  'jpg',
  'jpeg',
  'png',
  'webp',
  'avif',
  'gif',
  'tif',
  'tiff',
  'svg',
  'heic',
  'heif',
  'jp2',
];

/** The service's `pickImages`: a native open dialog attached to the app window. */
export function pickImagesWithDialog(getWindow: () => BrowserWindow | null): () => Promise<string[]> {
  return async () => {
    const options: OpenDialogOptions = {
      title: 'Choose images',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Images', extensions: IMAGE_EXTENSIONS },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const window = getWindow();
    const picked = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return picked.canceled ? [] : picked.filePaths;
  };
}

const DROP_CHANNEL: DropChannel = 'images:dropped';
const dropRequest = z.strictObject({
  paths: z
    .array(
      z
        .string()
        .min(1)
        .max(4096)
        .refine((p) => !p.includes('\0') && path.isAbsolute(p), 'must be an absolute path without NUL'),
    )
    .max(MAX_IMAGE_PATHS * 5),
});

export function setupImages(context: ShellContext): void {
  handleChannels(context, IMAGE_CHANNELS);
  // The preload tells main what the user dropped (webUtils gives paths of real dropped files only); the
  // page cannot send this itself, since the preload exposes no channel names.
  ipcMain.handle(DROP_CHANNEL, async (event, payload: unknown): Promise<DropReply> => {
    const refused = context.checkSender(event);
    if (refused) {
      return { ok: false, error: { code: 'forbidden', message: `${DROP_CHANNEL} refused: ${refused}` } };
    }
    const parsed = dropRequest.safeParse(payload);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'bad-request', message: `${DROP_CHANNEL}: ${describeIssues(parsed.error)}` },
      };
    }
    const granted = await context.paths.grant(windowScope(event.sender), parsed.data.paths);
    return { ok: true, value: { granted } };
  });
}
