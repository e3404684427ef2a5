// Colours for charts and swatches, picked to read on both the light and the dark background, and the
// theme's text/grid colours for canvas drawing (which CSS does not reach).

export { MODEL_COLORS, PART_COLORS, RUN_COLORS } from '../../../shared/colors.js';

/** Colours of text and grid lines, read from the theme's CSS variables at chart creation. */
export function themeColors(): { text: string; grid: string; whisker: string } {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue('--fg-muted').trim() || '#555',
    grid: style.getPropertyValue('--border').trim() || '#ddd',
    whisker: style.getPropertyValue('--fg').trim() || '#111',
  };
}
