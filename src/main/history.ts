// History: list, read, compare, export, import and delete stored runs.
import { HISTORY_CHANNELS } from './channels.js';
import { handleChannels, type ShellContext } from './ipc.js';

export function setupHistory(context: ShellContext): void {
  handleChannels(context, HISTORY_CHANNELS);
}
