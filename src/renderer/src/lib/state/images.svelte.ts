// The Images view: inputs (dropped, picked or uploaded), a run of the images workload over them, and its
// 128x128 outputs and per-file errors. Owns its subscription to the events of the run it started.
import { api } from '../api.js';
import type { ImageInfo } from '../../../../shared/ipc.js';
import type {
  ImageFileOutcome,
  ModelId,
  ModelResult,
  RunEvent,
  RunStatus,
} from '../../../../shared/results.js';
import { messageOf } from '../api-error.js';

export interface OutputImage {
  input: string;
  info: ImageInfo;
}

export class ImagesState {
  #inputs = $state.raw<ImageInfo[]>([]);
  #models = $state.raw<ModelId[]>(['sequential', 'async', 'worker-pool']);
  #reps = $state.raw(3);
  #busy = $state.raw<string | null>(null);
  #error = $state.raw<string | null>(null);
  #runId = $state.raw<string | null>(null);
  #status = $state.raw<RunStatus | 'idle'>('idle');
  #progress = $state.raw<{ done: number; total: number }>({ done: 0, total: 0 });
  #results = $state.raw<ModelResult[]>([]);
  #outputs = $state.raw<OutputImage[]>([]);
  #fileErrors = $state.raw<ImageFileOutcome[]>([]);
  #unsubscribe: (() => void) | null = null;
  #pending: RunEvent[] | null = null;

  get inputs(): ImageInfo[] {
    return this.#inputs;
  }
  get models(): ModelId[] {
    return this.#models;
  }
  get reps(): number {
    return this.#reps;
  }
  get busy(): string | null {
    return this.#busy;
  }
  get error(): string | null {
    return this.#error;
  }
  get runId(): string | null {
    return this.#runId;
  }
  get status(): RunStatus | 'idle' {
    return this.#status;
  }
  get progress(): { done: number; total: number } {
    return this.#progress;
  }
  get results(): ModelResult[] {
    return this.#results;
  }
  get outputs(): OutputImage[] {
    return this.#outputs;
  }
  get fileErrors(): ImageFileOutcome[] {
    return this.#fileErrors;
  }
  get running(): boolean {
    return this.#status === 'running';
  }

  setModels(models: ModelId[]): void {
    this.#models = models;
  }
  setReps(reps: number): void {
    this.#reps = reps;
  }

  /** Uploads (web) or resolves (desktop) dropped or picked files, then reads their sizes and thumbnails. */
  async addFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    await this.#withBusy(`Reading ${files.length} file${files.length === 1 ? '' : 's'}…`, async () => {
      const paths = await api.pathsForFiles(files);
      await this.#addPaths(paths);
    });
  }

  /** Desktop only: the native file dialog. */
  async pick(): Promise<void> {
    await this.#withBusy('Waiting for the file dialog…', async () => {
      const { paths } = await api.pickImages();
      await this.#addPaths(paths);
    });
  }

  clear(): void {
    this.#inputs = [];
    this.#outputs = [];
    this.#fileErrors = [];
    this.#results = [];
    this.#error = null;
    this.#status = 'idle';
    this.#runId = null;
  }

  async #addPaths(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    const known = this.#inputs.map((i) => i.path);
    const fresh = paths.filter((p) => !known.includes(p));
    const infos = await api.inspectImages(fresh);
    this.#inputs = [...this.#inputs, ...infos];
  }

  async run(): Promise<void> {
    if (this.#inputs.length === 0 || this.#models.length === 0 || this.running) return;
    this.#error = null;
    this.#outputs = [];
    this.#fileErrors = [];
    this.#results = [];
    this.#progress = { done: 0, total: 0 };
    this.#subscribe();
    this.#pending = [];
    try {
      const { runId } = await api.startRun({
        suite: 'custom',
        workloads: ['images'],
        models: this.#models,
        images: this.#inputs.map((i) => i.path),
        reps: this.#reps,
        warmup: 0,
      });
      this.#runId = runId;
      this.#status = 'running';
    } catch (error) {
      this.#error = messageOf(error);
      this.#status = 'idle';
    } finally {
      const held = this.#pending ?? [];
      this.#pending = null;
      for (const event of held) this.#apply(event);
    }
  }

  async cancel(): Promise<void> {
    if (this.#runId && this.running) {
      try {
        await api.cancelRun(this.#runId);
      } catch (error) {
        this.#error = messageOf(error);
      }
    }
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #subscribe(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = api.onRunEvent((event) => this.#apply(event));
  }

  #apply(event: RunEvent): void {
    // Events can arrive before startRun resolves with the run id: hold them until then.
    if (this.#pending) {
      this.#pending.push(event);
      return;
    }
    if (event.runId !== this.#runId) return;
    if (event.type === 'progress') {
      this.#progress = { done: event.completedSteps, total: event.totalSteps };
    } else if (event.type === 'result') {
      this.#results = [...this.#results, event.result];
    } else if (event.type === 'done') {
      this.#status = event.status;
      this.#results = event.results;
      if (event.error) this.#error = event.error;
      void this.#collectOutputs(event.results);
    }
  }

  /** The last repetition of the first model that produced files: its outputs and its per-file errors. */
  async #collectOutputs(results: ModelResult[]): Promise<void> {
    const withFiles = results.find((r) => r.samples.some((s) => s.files && s.files.length > 0));
    const files = withFiles?.samples[withFiles.samples.length - 1]?.files ?? [];
    this.#fileErrors = files.filter((f) => !f.ok);
    const ok = files.filter((f): f is ImageFileOutcome & { output: string } => f.ok && !!f.output);
    if (ok.length === 0) return;
    try {
      const infos = await api.inspectImages(ok.map((f) => f.output));
      this.#outputs = infos.map((info, i) => ({ input: ok[i].input, info }));
    } catch (error) {
      this.#error = messageOf(error);
    }
  }

  async #withBusy(label: string, task: () => Promise<void>): Promise<void> {
    this.#busy = label;
    this.#error = null;
    try {
      await task();
    } catch (error) {
      this.#error = messageOf(error);
    } finally {
      this.#busy = null;
    }
  }
}
