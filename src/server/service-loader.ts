// The engine behind `cbench serve`, loaded after the server listens: its path policy's public roots and the
// service with the same history fallback as the desktop app.
import { mkdir } from 'node:fs/promises';
import type { PathPolicy } from '../engine/path-policy.js';
import type { BenchService } from '../engine/service.js';
import type { EngineHost } from '../engine/host.js';

/** The server options the service is made from (see ServerOptions in index.ts). */
export interface ServiceOptions {
  dbPath?: string;
  engineHost?: EngineHost;
  appVersion?: string;
}

/** Creates the service, its path policy granting the images folder and the samples. */
export async function loadService(options: ServiceOptions, paths: PathPolicy): Promise<BenchService> {
  // Loaded here rather than at the top so that the HTTP side starts without waiting for the engine's imports.
  const [{ createBenchService }, { nodeHost }, { defaultImagesRoot }] = await Promise.all([
    import('../engine/service-impl.js'),
    import('../engine/host.js'),
    import('../engine/workloads/index.js'),
  ]);
  const host = options.engineHost ?? nodeHost();
  // A browser holding the token may only name what this server itself put on disk or ships: its session's
  // uploads (granted by the UploadStore), the outputs of runs (which never name an output folder in web
  // mode) and the bundled samples.
  const imagesRoot = defaultImagesRoot();
  await mkdir(imagesRoot, { recursive: true });
  await paths.addPublicRoot(imagesRoot);
  await paths.addPublicRoot(host.sampleDir);
  return createBenchService({
    dbPath: options.dbPath,
    host,
    appVersion: options.appVersion,
    pathPolicy: paths,
    // As in the desktop app: a history that cannot be opened is said in the page, and runs still work.
    historyFallback: true,
  });
}
