// Which run the Results view shows: a stored run loaded from the history, or the live one.
import { api } from '../api.js';
import type { RunRecord } from '../../../../shared/history.js';
import { messageOf } from '../api-error.js';

export type TimeAxis = 'auto' | 'linear' | 'log';
/** Medians further apart than this make the short bars unreadable on a linear axis. */
export const AUTO_LOG_RATIO = 30;

export class ResultsState {
  #record = $state.raw<RunRecord | null>(null);
  #error = $state.raw<string | null>(null);
  #loading = $state.raw(false);
  #axis = $state.raw<TimeAxis>('auto');

  /** Linear or logarithmic time axis; 'auto' picks log where medians span more than AUTO_LOG_RATIO. */
  get axis(): TimeAxis {
    return this.#axis;
  }

  setAxis(axis: TimeAxis): void {
    this.#axis = axis;
  }

  get record(): RunRecord | null {
    return this.#record;
  }
  get error(): string | null {
    return this.#error;
  }
  get loading(): boolean {
    return this.#loading;
  }

  async open(runId: string): Promise<void> {
    if (this.#record?.id === runId) return;
    this.#loading = true;
    this.#error = null;
    try {
      this.#record = await api.getRun(runId);
    } catch (error) {
      this.#error = messageOf(error);
    } finally {
      this.#loading = false;
    }
  }

  /** Reloads a run that was shown while still streaming, now that it is stored in full. */
  async refresh(runId: string): Promise<void> {
    if (this.#record?.id === runId) this.#record = null;
    await this.open(runId);
  }
}
