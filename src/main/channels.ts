// Which capability answers which IpcContract channel. The check at the bottom fails to compile when a channel
// is added to the contract without a handler here, so the preload can never call a channel nobody answers.
import type { IpcChannel } from '../shared/ipc.js';

export const RUN_CHANNELS = [
  'run:start',
  'run:cancel',
  'run:active',
] as const satisfies readonly IpcChannel[];
export const HISTORY_CHANNELS = [
  'history:list',
  'history:get',
  'history:compare',
  'history:export',
  'history:import',
  'history:delete',
  'history:report',
  'history:status',
] as const satisfies readonly IpcChannel[];
export const MACHINE_CHANNELS = ['machine:info', 'machine:setLabel'] as const satisfies readonly IpcChannel[];
export const IMAGE_CHANNELS = ['images:pick', 'images:inspect'] as const satisfies readonly IpcChannel[];

type Handled =
  | (typeof RUN_CHANNELS)[number]
  | (typeof HISTORY_CHANNELS)[number]
  | (typeof MACHINE_CHANNELS)[number]
  | (typeof IMAGE_CHANNELS)[number];
type Unhandled = Exclude<IpcChannel, Handled>;
export const EVERY_CHANNEL_HANDLED: [Unhandled] extends [never] ? true : Unhandled = true;
