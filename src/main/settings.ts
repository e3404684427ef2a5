// Settings: the window's size and position, remembered between launches in the user-data folder.
// A missing or unreadable file means defaults, never an error at start-up.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export interface ShellSettings {
  windowBounds?: Rectangle;
}

function isRectangle(value: unknown): value is Rectangle {
  if (!value || typeof value !== 'object') return false;
  const rect = value as Record<string, unknown>;
  return (
    ['x', 'y', 'width', 'height'].every((key) => Number.isInteger(rect[key])) && (rect.width as number) > 0
  );
}

/** Reads the settings file; anything malformed is ignored field by field. */
export function loadSettings(file: string): ShellSettings {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return isRectangle(parsed.windowBounds) ? { windowBounds: parsed.windowBounds } : {};
  } catch {
    return {};
  }
}

export function saveSettings(file: string, settings: ShellSettings): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

/** Remembers the window's bounds when it closes. */
export function setupSettings(window: BrowserWindow, file: string): void {
  window.on('close', () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    try {
      saveSettings(file, { ...loadSettings(file), windowBounds: window.getNormalBounds() });
    } catch (error) {
      console.warn(`[settings] could not save ${file}:`, error);
    }
  });
}
