// electron-builder's beforePack hook (electron-builder.yml): builds better-sqlite3 for the Electron being
// packaged, into native/electron (shipped as an extra resource), and fails the packaging when it cannot,
// so a packaged app never ships without it. The Node build in node_modules is excluded by `files`.
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads hooks with require() */
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// electron-builder's Arch enum.
const ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

/** The Electron version being packaged: the configured one, else the installed package's. */
function electronVersionOf(context) {
  return (
    context.packager?.config?.electronVersion ??
    context.packager?.info?.framework?.version ??
    JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version
  );
}

module.exports = async function beforePack(context) {
  const arch = ARCH[context.arch] ?? String(context.arch);
  const platform = context.electronPlatformName;
  if (platform !== process.platform || arch !== process.arch) {
    throw new Error(
      `better-sqlite3 is built for the machine that packages: package ${platform}-${arch} on a ${platform}-${arch} machine (this one is ${process.platform}-${process.arch})`,
    );
  }
  const script = process.env.CBENCH_REBUILD_SCRIPT || path.join(ROOT, 'scripts', 'rebuild-electron.mjs');
  const electronVersion = electronVersionOf(context);
  const result = spawnSync(process.execPath, [script, '--strict'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_VERSION_OVERRIDE: electronVersion },
  });
  if (result.status !== 0) {
    throw new Error(
      `the Electron ${electronVersion} build of better-sqlite3 failed (exit ${result.status}); the app is not packaged without it`,
    );
  }
};
