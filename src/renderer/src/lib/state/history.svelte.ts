// The run history as a lazily paged list (10,000 runs scroll without loading them all), its filter, the
// selection for compare/export, and bundle import.
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { api } from '../api.js';
import { downloadText } from '../download.js';
import type { HistoryFilter, ImportReport, RunSummary } from '../../../../shared/history.js';
import type { SuiteId } from '../../../../shared/results.js';
import { messageOf } from '../api-error.js';

const PAGE_SIZE = 100;

export interface HistoryFilterInput {
  machine: string;
  suite: SuiteId | '';
  since: string;
}

export class HistoryState {
  #filter = $state.raw<HistoryFilterInput>({ machine: '', suite: '', since: '' });
  #total = $state.raw<number | null>(null);
  #selected = new SvelteSet<string>();
  #error = $state.raw<string | null>(null);
  #notice = $state.raw<string | null>(null);
  #busy = $state.raw(false);
  /** Loaded pages by page number; rows of a page re-render when it lands. */
  #pages = new SvelteMap<number, RunSummary[]>();
  // Bookkeeping only: nothing renders from it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #loading = new Set<number>();
  /** Incremented on every reload so late pages from an older filter are dropped. */
  #generation = 0;

  get filter(): HistoryFilterInput {
    return this.#filter;
  }
  get total(): number | null {
    return this.#total;
  }
  get selected(): ReadonlySet<string> {
    return this.#selected;
  }
  get selectedIds(): string[] {
    return [...this.#selected];
  }
  get error(): string | null {
    return this.#error;
  }
  get notice(): string | null {
    return this.#notice;
  }
  get busy(): boolean {
    return this.#busy;
  }

  /** The run at list position `index`, or undefined while its page is loading. */
  rowAt(index: number): RunSummary | undefined {
    return this.#pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  setFilter(filter: HistoryFilterInput): void {
    this.#filter = filter;
    void this.reload();
  }

  async reload(): Promise<void> {
    this.#generation += 1;
    this.#pages.clear();
    this.#loading.clear();
    this.#error = null;
    await this.#loadPage(0, this.#generation);
  }

  /** Makes sure the rows [start, end) are loaded or loading. */
  ensureRange(start: number, end: number): void {
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor(Math.max(0, end - 1) / PAGE_SIZE);
    for (let page = first; page <= last; page++) {
      if (!this.#pages.has(page) && !this.#loading.has(page)) void this.#loadPage(page, this.#generation);
    }
  }

  async #loadPage(page: number, generation: number): Promise<void> {
    this.#loading.add(page);
    const filter: HistoryFilter = { limit: PAGE_SIZE, offset: page * PAGE_SIZE };
    const { machine, suite, since } = this.#filter;
    if (machine.trim()) filter.machine = machine.trim();
    if (suite) filter.suite = suite;
    if (since) filter.since = since;
    try {
      const result = await api.listRuns(filter);
      if (generation !== this.#generation) return;
      this.#pages.set(page, result.runs);
      this.#total = result.total;
    } catch (error) {
      if (generation === this.#generation) this.#error = messageOf(error);
    } finally {
      this.#loading.delete(page);
    }
  }

  toggle(runId: string): void {
    if (this.#selected.has(runId)) this.#selected.delete(runId);
    else this.#selected.add(runId);
  }

  clearSelection(): void {
    this.#selected.clear();
  }

  /** Asks the backend for a bundle of the selected runs and hands it to the browser as a download. */
  async exportSelected(): Promise<void> {
    const ids = this.selectedIds;
    if (ids.length === 0) return;
    this.#busy = true;
    this.#error = null;
    try {
      const { fileName, json } = await api.exportRuns(ids);
      downloadText(fileName, json, 'application/json');
      this.#notice = `Exported ${ids.length} run${ids.length === 1 ? '' : 's'} to ${fileName}.`;
    } catch (error) {
      this.#error = messageOf(error);
    } finally {
      this.#busy = false;
    }
  }

  /** Imports bundle files (picked or dropped); each file is reported on its own. */
  async importFiles(files: File[]): Promise<void> {
    // A report (.html) embeds its runs' bundle, so it imports like one.
    const bundles = files.filter(
      (f) => /\.(json|html?)$/i.test(f.name) || f.type === 'application/json' || f.type === 'text/html',
    );
    if (bundles.length === 0) {
      this.#error = `Not a bundle: ${files.map((f) => f.name).join(', ') || 'no files'} (expected .json bundles or .html reports exported by Concurrency Bench).`;
      return;
    }
    this.#busy = true;
    this.#error = null;
    const messages: string[] = [];
    const errors: string[] = [];
    for (const file of bundles) {
      try {
        const report: ImportReport = await api.importBundle(await file.text(), file.name);
        messages.push(`${file.name}: imported ${report.imported}, skipped ${report.skipped} already present`);
      } catch (error) {
        errors.push(`${file.name}: ${messageOf(error)}`);
      }
    }
    this.#busy = false;
    // Reload first: it clears the list's own error, which must not hide the import's.
    await this.reload();
    this.#notice = messages.length > 0 ? `${messages.join('; ')}.` : null;
    if (errors.length > 0) this.#error = errors.join('; ');
  }

  dismissNotice(): void {
    this.#notice = null;
  }
}
