// Follows the system light/dark setting so charts (drawn on canvas, outside CSS) can redraw with it.
export class ThemeState {
  #dark = $state.raw(false);
  #query: MediaQueryList | null = null;
  #onChange = (event: MediaQueryListEvent): void => {
    this.#dark = event.matches;
  };

  constructor() {
    if (typeof window !== 'undefined' && window.matchMedia) {
      this.#query = window.matchMedia('(prefers-color-scheme: dark)');
      this.#dark = this.#query.matches;
      this.#query.addEventListener('change', this.#onChange);
    }
  }

  get dark(): boolean {
    return this.#dark;
  }

  dispose(): void {
    this.#query?.removeEventListener('change', this.#onChange);
  }
}

export const theme = new ThemeState();
