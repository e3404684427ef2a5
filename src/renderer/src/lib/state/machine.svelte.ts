// What is recorded about this machine, and its editable label.
import { api } from '../api.js';
import type { MachineInfo } from '../../../../shared/history.js';
import { messageOf } from '../api-error.js';

export class MachineState {
  #info = $state.raw<MachineInfo | null>(null);
  #error = $state.raw<string | null>(null);
  #saving = $state.raw(false);
  #saved = $state.raw(false);

  get info(): MachineInfo | null {
    return this.#info;
  }
  get error(): string | null {
    return this.#error;
  }
  get saving(): boolean {
    return this.#saving;
  }
  get saved(): boolean {
    return this.#saved;
  }

  async load(): Promise<void> {
    if (this.#info) return;
    try {
      this.#info = await api.machineInfo();
    } catch (error) {
      this.#error = messageOf(error);
    }
  }

  async setLabel(label: string): Promise<void> {
    this.#saving = true;
    this.#saved = false;
    this.#error = null;
    try {
      this.#info = await api.setMachineLabel(label.trim());
      this.#saved = true;
    } catch (error) {
      this.#error = messageOf(error);
    } finally {
      this.#saving = false;
    }
  }
}
