// Images: the native file picker and the inspection of inputs and outputs (sizes, formats, thumbnails).
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { IMAGE_CHANNELS } from './channels.js';
import { handleChannels, type ShellContext } from './ipc.js';

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

export function setupImages(context: ShellContext): void {
  handleChannels(context, IMAGE_CHANNELS);
}
