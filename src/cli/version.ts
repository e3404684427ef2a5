// The app version, read from package.json (two levels up from both src/cli and dist/cli).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version field of the project's package.json. */
export function appVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    cached = pkg.version ?? '0.0.0';
  }
  return cached;
}
