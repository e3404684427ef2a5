// Colours of models, overhead parts and runs, picked to read on both the light and the dark background;
// shared by the GUI's charts and the HTML report's SVG.
import type { ModelId } from './results.js';

/** Mid-tone hues: enough contrast against both #fff and #16181d, and distinct for seven models. */
export const MODEL_COLORS: Record<ModelId, string> = {
  sequential: '#7c8594',
  async: '#0ea5e9',
  'worker-threads': '#8b5cf6',
  'worker-pool': '#10b981',
  processes: '#f59e0b',
  'process-pool': '#ef4444',
  'shared-memory': '#ec4899',
};

export const PART_COLORS = {
  startup: '#f59e0b',
  transfer: '#0ea5e9',
  compute: '#10b981',
  merge: '#8b5cf6',
  other: '#9ca3af',
} as const;

export const RUN_COLORS = ['#3b82f6', '#f97316', '#14b8a6', '#a855f7', '#eab308', '#f43f5e'];
