// Machine: what is recorded about this computer, and its user-editable label.
import { MACHINE_CHANNELS } from './channels.js';
import { handleChannels, type ShellContext } from './ipc.js';

export function setupMachine(context: ShellContext): void {
  handleChannels(context, MACHINE_CHANNELS);
}
