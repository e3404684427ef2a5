// The run in progress (or the last one): plan, live progress per (case, model) and per worker, results as
// they arrive, time left and the orchestrator's event-loop delay. Owns its subscription to run events.
import { api } from '../api.js';
import { messageOf } from '../api-error.js';
import type { StartRunRequest } from '../../../../shared/ipc.js';
import type {
  CaseSpec,
  ModelId,
  ModelResult,
  RunEvent,
  RunStatus,
  SuiteSpec,
} from '../../../../shared/results.js';
import { searchCaseParams } from '../../../../shared/scaling.js';

type Phase = Extract<RunEvent, { type: 'progress' }>['phase'];

export interface WorkerProgress {
  index: number;
  done: number;
  total: number;
}

/** One (case, model) line of the progress table; fields change in place so only that line re-renders. */
export class ProgressRow {
  readonly key: string;
  readonly caseId: string;
  readonly model: ModelId;
  readonly repsTotal: number;
  readonly warmupTotal: number;
  #repsDone = $state.raw(0);
  #warmupsDone = $state.raw(0);
  #phase = $state.raw<Phase | 'waiting'>('waiting');
  #rep = $state.raw(0);
  #warmup = $state.raw(false);
  #workers = $state.raw<WorkerProgress[]>([]);
  #result = $state.raw<ModelResult | null>(null);

  constructor(caseId: string, model: ModelId, repsTotal: number, warmupTotal: number) {
    this.key = `${caseId}|${model}`;
    this.caseId = caseId;
    this.model = model;
    this.repsTotal = repsTotal;
    this.warmupTotal = warmupTotal;
  }

  get repsDone(): number {
    return this.#repsDone;
  }
  get warmupsDone(): number {
    return this.#warmupsDone;
  }
  get phase(): Phase | 'waiting' {
    return this.#phase;
  }
  get rep(): number {
    return this.#rep;
  }
  get warmup(): boolean {
    return this.#warmup;
  }
  get workers(): WorkerProgress[] {
    return this.#workers;
  }
  get result(): ModelResult | null {
    return this.#result;
  }
  /** 0..1 over warm-ups plus timed repetitions. */
  get fraction(): number {
    const total = this.repsTotal + this.warmupTotal;
    if (this.#result) return 1;
    return total > 0 ? (this.#repsDone + this.#warmupsDone) / total : 0;
  }

  apply(event: Extract<RunEvent, { type: 'progress' }>): void {
    if (event.phase !== this.#phase) this.#phase = event.phase;
    if (event.rep !== this.#rep) this.#rep = event.rep;
    if (event.warmup !== this.#warmup) this.#warmup = event.warmup;
    if (event.phase === 'start' && this.#workers.length > 0) this.#workers = [];
    if (event.worker) {
      const next = this.#workers.filter((w) => w.index !== event.worker?.index);
      next.push({ ...event.worker });
      next.sort((a, b) => a.index - b.index);
      this.#workers = next;
    }
    if (event.phase === 'end') {
      if (event.warmup) this.#warmupsDone = Math.min(this.warmupTotal, this.#warmupsDone + 1);
      else this.#repsDone = Math.max(this.#repsDone, Math.min(this.repsTotal, event.rep));
    }
  }

  finish(result: ModelResult): void {
    this.#result = result;
    this.#repsDone = result.samples.length;
    this.#workers = [];
  }
}

const DELAY_HISTORY = 60;

export class RunState {
  #runId = $state.raw<string | null>(null);
  #spec = $state.raw<SuiteSpec | null>(null);
  /** The plan's cases, then (scaling runs) each case a point adds, in the order they start. */
  #cases = $state.raw<CaseSpec[]>([]);
  #rows = $state.raw<ProgressRow[]>([]);
  #results = $state.raw<ModelResult[]>([]);
  #status = $state.raw<RunStatus | 'idle' | 'starting'>('idle');
  #error = $state.raw<string | null>(null);
  #completedSteps = $state.raw(0);
  #totalSteps = $state.raw(0);
  #etaMs = $state.raw<number | null>(null);
  #delays = $state.raw<number[]>([]);
  #logs = $state.raw<Array<{ level: string; message: string }>>([]);
  /** The (case, model) the last progress event was about: repetitions are interleaved, so only one is live. */
  #currentKey = $state.raw<string | null>(null);
  #startedAtMs = 0;
  // Lookup only: each ProgressRow carries its own reactive fields.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #rowIndex = new Map<string, ProgressRow>();
  #unsubscribe: (() => void) | null = null;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not rendered
  #doneListeners = new Set<(runId: string, status: RunStatus) => void>();

  /** Subscribes to run events and picks up a run already in progress (a window opened mid-run). */
  async connect(): Promise<void> {
    if (this.#unsubscribe) return;
    this.#unsubscribe = api.onRunEvent((event) => this.#apply(event));
    try {
      const active = await api.activeRun();
      if (active && this.#runId !== active.runId) for (const event of active.events) this.#apply(event);
    } catch (error) {
      this.#error = messageOf(error);
    }
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  get runId(): string | null {
    return this.#runId;
  }
  get spec(): SuiteSpec | null {
    return this.#spec;
  }
  get cases(): CaseSpec[] {
    return this.#cases;
  }
  get rows(): ProgressRow[] {
    return this.#rows;
  }
  get results(): ModelResult[] {
    return this.#results;
  }
  get status(): RunStatus | 'idle' | 'starting' {
    return this.#status;
  }
  get running(): boolean {
    return this.#status === 'running' || this.#status === 'starting';
  }
  get error(): string | null {
    return this.#error;
  }
  get completedSteps(): number {
    return this.#completedSteps;
  }
  get totalSteps(): number {
    return this.#totalSteps;
  }
  get etaMs(): number | null {
    return this.#etaMs;
  }
  /** Recent event-loop delay p99 values of the orchestrating process, oldest first. */
  get delays(): number[] {
    return this.#delays;
  }
  get currentKey(): string | null {
    return this.#currentKey;
  }
  get logs(): Array<{ level: string; message: string }> {
    return this.#logs;
  }

  /** Called with the run id and final status whenever a run ends. Returns the unsubscribe function. */
  onDone(listener: (runId: string, status: RunStatus) => void): () => void {
    this.#doneListeners.add(listener);
    return () => this.#doneListeners.delete(listener);
  }

  async start(request: StartRunRequest): Promise<string | null> {
    if (this.running) return null;
    this.#error = null;
    this.#status = 'starting';
    try {
      await this.connect();
      const { runId } = await api.startRun(request);
      // The plan event may have arrived before the reply; only reset if it has not.
      if (this.#runId !== runId) this.#reset(runId);
      if (this.#status === 'starting') this.#status = 'running';
      return runId;
    } catch (error) {
      this.#status = 'idle';
      this.#error = messageOf(error);
      return null;
    }
  }

  async cancel(): Promise<void> {
    const runId = this.#runId;
    if (!runId || !this.running) return;
    try {
      await api.cancelRun(runId);
    } catch (error) {
      this.#error = messageOf(error);
    }
  }

  #reset(runId: string): void {
    this.#runId = runId;
    this.#spec = null;
    this.#cases = [];
    this.#rows = [];
    this.#rowIndex.clear();
    this.#results = [];
    this.#completedSteps = 0;
    this.#totalSteps = 0;
    this.#etaMs = null;
    this.#delays = [];
    this.#logs = [];
    this.#currentKey = null;
    this.#startedAtMs = performance.now();
  }

  #apply(event: RunEvent): void {
    if (event.type === 'plan') {
      this.#reset(event.runId);
      this.#status = 'running';
      this.#spec = event.spec;
      this.#totalSteps = event.totalSteps;
      // A scaling run measures only some models at each point (and a search adds points as it goes), so
      // its rows appear as each (case, model) starts; a suite lists all of them from the plan.
      if (event.spec.scaling) return;
      this.#cases = event.spec.cases;
      const rows: ProgressRow[] = [];
      for (const c of event.spec.cases) {
        for (const model of event.spec.models) {
          const row = new ProgressRow(c.id, model, event.spec.reps, event.spec.warmup);
          rows.push(row);
          this.#rowIndex.set(row.key, row);
        }
      }
      this.#rows = rows;
      return;
    }
    if (event.runId !== this.#runId) return;
    switch (event.type) {
      case 'progress': {
        const key = `${event.caseId}|${event.model}`;
        this.#rowFor(event.caseId, event.model, event.point)?.apply(event);
        if (key !== this.#currentKey) this.#currentKey = key;
        if (event.completedSteps !== this.#completedSteps) {
          this.#completedSteps = event.completedSteps;
          this.#totalSteps = event.totalSteps;
          this.#updateEta();
        }
        if (event.eventLoopDelayMs !== undefined) {
          const next = this.#delays.length >= DELAY_HISTORY ? this.#delays.slice(1) : this.#delays.slice();
          next.push(event.eventLoopDelayMs);
          this.#delays = next;
        }
        break;
      }
      case 'result': {
        // The transport throttles progress: a short point may arrive as its result alone, which then
        // says how many repetitions it took.
        const counts = { reps: event.result.samples.length, warmup: this.#spec?.warmup ?? 0 };
        this.#rowFor(event.result.caseId, event.result.model, counts)?.finish(event.result);
        this.#results = [...this.#results, event.result];
        break;
      }
      case 'log':
        this.#logs = [...this.#logs.slice(-19), { level: event.level, message: event.message }];
        break;
      case 'done':
        this.#status = event.status;
        this.#results = event.results;
        for (const result of event.results) this.#rowFor(result.caseId, result.model)?.finish(result);
        this.#etaMs = 0;
        this.#currentKey = null;
        if (event.error) this.#error = event.error;
        for (const listener of this.#doneListeners) listener(event.runId, event.status);
        break;
    }
  }

  /** The row of (case, model); a scaling run adds it (and its case) the first time it is named. */
  #rowFor(
    caseId: string,
    model: ModelId,
    counts?: { reps: number; warmup: number },
  ): ProgressRow | undefined {
    const existing = this.#rowIndex.get(`${caseId}|${model}`);
    const spec = this.#spec;
    if (existing || !spec?.scaling) return existing;
    if (!this.#cases.some((c) => c.id === caseId)) {
      const planned = spec.cases.find((c) => c.id === caseId);
      const params = planned?.params ?? searchCaseParams(spec.cases[0].params, caseId);
      if (!params) return undefined;
      this.#cases = [...this.#cases, { id: caseId, params }];
    }
    const row = new ProgressRow(caseId, model, counts?.reps ?? spec.reps, counts?.warmup ?? spec.warmup);
    this.#rowIndex.set(row.key, row);
    this.#rows = [...this.#rows, row];
    return row;
  }

  #updateEta(): void {
    const done = this.#completedSteps;
    const total = this.#totalSteps;
    if (done <= 0 || total <= 0) return;
    const elapsed = performance.now() - this.#startedAtMs;
    this.#etaMs = (elapsed / done) * (total - done);
  }
}
