// The one interface every concurrency model implements (one file per model in this folder).
import type { CaseSpec, Digest, ImageFileOutcome, ModelId, WorkerTiming } from '../../shared/results.js';
import type { FaultKind } from '../../shared/protocol.js';
import type { EngineHost } from '../host.js';

/**
 * A case made ready once per run, before any timing: inputs generated or listed, the reference digest
 * computed by an independent method (sieve for primes, O(n^2) checksums for matrix, a reference pass for
 * images). `input` is workload-specific (see workloads/case-input.ts).
 */
export interface PreparedCase {
  spec: CaseSpec;
  /** Numbers, files or rows: what the parallel models partition. */
  itemCount: number;
  input: unknown;
  expected: Digest;
}

export interface ModelContext {
  host: EngineHost;
  /** N for the parallel models (ignored by sequential and async). */
  workers: number;
  /** Aborting must stop every worker and child this model started, promptly. */
  signal: AbortSignal;
  /** Per-worker progress while a repetition runs (index 0 for single-threaded models). */
  onWorkerProgress(progress: { index: number; done: number; total: number }): void;
  /**
   * Tests only: makes `model`'s worker `worker` (default 0) throw from its task or exit mid-run, so failure
   * handling is exercised with real workers and children. Other models ignore it.
   */
  faults?: { model: ModelId; kind: FaultKind; worker?: number };
}

/** What a model measured in one repetition; the runner adds CPU, memory, event-loop delay and verification. */
export interface RepetitionOutcome {
  wallMs: number;
  /** Start-up counted inside wallMs (cold models) or measured when the session opened (warm models). */
  startupMs: number;
  startupInWall: boolean;
  transferMs: number;
  mergeMs: number;
  workers: WorkerTiming[];
  /** CPU time (user + system) spent in child processes during the repetition; 0 when there are none. */
  childCpuMs: number;
  /** Sum over child processes of their peak RSS during the repetition; 0 when there are none. */
  childPeakRssBytes: number;
  digest: Digest;
  files?: ImageFileOutcome[];
}

export interface RunOptions {
  warmup: boolean;
  /**
   * Images cases: the (existing, empty) folder this repetition writes its outputs to, so that the runner can
   * keep the outputs a user needs and remove the rest. Absent: the model makes a fresh one in the case folder.
   */
  outDir?: string;
}

/** A model opened for one run: long-lived resources (pools, the sequential child) live here. */
export interface ModelSession {
  /** Start-up measured when the session opened (warm models); 0 for cold ones. */
  readonly openStartupMs: number;
  /** Runs one repetition; rejects with an Error whose message is the failure reason. */
  run(prepared: PreparedCase, options: RunOptions): Promise<RepetitionOutcome>;
  /** Releases every worker and child; safe to call twice. */
  close(): Promise<void>;
}

export interface Model {
  id: ModelId;
  /** One line for the GUI and README. */
  description: string;
  /** Cold: threads/processes spawned inside each timed repetition (the article's way). */
  cold: boolean;
  /**
   * How its workers come by a matrix case's inputs, when a reader needs telling (children draw them from the
   * seed; pool threads keep B): shown as a note on every matrix result of the model.
   */
  matrixInputs?: string;
  open(context: ModelContext): Promise<ModelSession>;
}
