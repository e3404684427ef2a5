// Which view is showing, mirrored in the URL hash (#/history, #/results/<runId>, #/compare/<a>,<b>) so a
// reload or a shared link lands on the same place.
export const VIEWS = ['run', 'results', 'scaling', 'history', 'compare', 'images', 'machine'] as const;
export type ViewId = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<ViewId, string> = {
  run: 'Run',
  results: 'Results',
  scaling: 'Scaling',
  history: 'History',
  compare: 'Compare',
  images: 'Images',
  machine: 'Machine',
};

export class AppState {
  #view = $state.raw<ViewId>('run');
  #resultsRunId = $state.raw<string | null>(null);
  #compareIds = $state.raw<string[]>([]);
  #onHash = (): void => this.#readHash();

  constructor() {
    this.#readHash();
    window.addEventListener('hashchange', this.#onHash);
  }

  get view(): ViewId {
    return this.#view;
  }
  get resultsRunId(): string | null {
    return this.#resultsRunId;
  }
  get compareIds(): string[] {
    return this.#compareIds;
  }

  show(view: ViewId): void {
    this.#view = view;
    this.#writeHash();
  }

  openResults(runId: string): void {
    this.#resultsRunId = runId;
    this.show('results');
  }

  openCompare(runIds: string[]): void {
    this.#compareIds = runIds;
    this.show('compare');
  }

  dispose(): void {
    window.removeEventListener('hashchange', this.#onHash);
  }

  #writeHash(): void {
    let hash = `#/${this.#view}`;
    if (this.#view === 'results' && this.#resultsRunId) hash += `/${encodeURIComponent(this.#resultsRunId)}`;
    if (this.#view === 'compare' && this.#compareIds.length > 0)
      hash += `/${this.#compareIds.map(encodeURIComponent).join(',')}`;
    if (window.location.hash !== hash) history.replaceState(history.state, '', hash);
  }

  #readHash(): void {
    const [view, arg] = window.location.hash.replace(/^#\/?/, '').split('/');
    if (!(VIEWS as readonly string[]).includes(view)) return;
    this.#view = view as ViewId;
    if (view === 'results' && arg) this.#resultsRunId = decodeURIComponent(arg);
    if (view === 'compare' && arg) this.#compareIds = arg.split(',').map(decodeURIComponent);
  }
}
