// The run's event stream: every RunEvent a run emits goes out through here, progress stamped with where the
// run is, how far along, and the orchestrator's event-loop delay.
import type { ModelId, ModelResult, RunEvent } from '../../shared/results.js';
import type { LoopDelaySampler } from './meters.js';

/** Where the run is: the repetition progress events speak of. */
export interface Position {
  caseId: string;
  model: ModelId;
  rep: number;
  warmup: boolean;
}

/** Which moment of a repetition a progress event marks. */
export type ProgressPhase = 'prepare' | 'start' | 'worker' | 'verify' | 'end';
/** One worker's items done so far, as a model reports them. */
export type ProgressWorker = { index: number; done: number; total: number };

/** Emits a run's events and counts its steps (one step = one warm-up or timed repetition of one model). */
export class RunEvents {
  completedSteps = 0;
  /** Set while a case runs; progress outside a case is not reported. */
  position: Position | null = null;

  constructor(
    readonly runId: string,
    readonly totalSteps: number,
    private readonly onEvent: (event: RunEvent) => void,
    private readonly loopDelay: LoopDelaySampler,
  ) {}

  emit(event: RunEvent): void {
    this.onEvent(event);
  }

  progress(phase: ProgressPhase, worker?: ProgressWorker): void {
    const position = this.position;
    if (!position) return;
    this.emit({
      type: 'progress',
      runId: this.runId,
      caseId: position.caseId,
      model: position.model,
      rep: position.rep,
      warmup: position.warmup,
      phase,
      ...(worker ? { worker } : {}),
      completedSteps: this.completedSteps,
      totalSteps: this.totalSteps,
      eventLoopDelayMs: this.loopDelay.snapshotMs().p99,
    });
  }

  /** Emits the result as soon as it exists, so the history commits it before anything else can go wrong. */
  result(result: ModelResult): void {
    this.emit({ type: 'result', runId: this.runId, result });
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.emit({ type: 'log', runId: this.runId, level, message });
  }
}
