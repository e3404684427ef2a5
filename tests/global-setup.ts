import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Compiles src/ to dist/ so that worker and child entries exist as plain JavaScript. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.node-build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
