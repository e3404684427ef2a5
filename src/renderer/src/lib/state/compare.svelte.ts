// A comparison of two or more stored runs, as computed by the backend (relative %, p-values, warnings).
import { api } from '../api.js';
import type { Comparison } from '../../../../shared/history.js';
import { messageOf } from '../api-error.js';

export class CompareState {
  #runIds = $state.raw<string[]>([]);
  #comparison = $state.raw<Comparison | null>(null);
  #error = $state.raw<string | null>(null);
  #loading = $state.raw(false);
  #perCore = $state.raw(false);

  get runIds(): string[] {
    return this.#runIds;
  }
  get comparison(): Comparison | null {
    return this.#comparison;
  }
  get error(): string | null {
    return this.#error;
  }
  get loading(): boolean {
    return this.#loading;
  }
  /** Show medians multiplied by the threads used, so machines with different core counts line up. */
  get perCore(): boolean {
    return this.#perCore;
  }

  setPerCore(on: boolean): void {
    this.#perCore = on;
  }

  async compare(runIds: string[]): Promise<void> {
    this.#runIds = runIds;
    this.#error = null;
    if (runIds.length < 2) {
      this.#comparison = null;
      return;
    }
    this.#loading = true;
    try {
      this.#comparison = await api.compareRuns(runIds);
    } catch (error) {
      this.#comparison = null;
      this.#error = messageOf(error);
    } finally {
      this.#loading = false;
    }
  }
}
