// Sessions kept open from one run to the next: a break-even search measures many sizes, one suite run each,
// and reopening every pool and long-lived child for each size made every point start from cold threads.
import type { ModelId } from '../../shared/results.js';
import type { Model, ModelContext, ModelSession } from '../models/types.js';

type Progress = ModelContext['onWorkerProgress'];

/**
 * Opens sessions whose worker progress can be re-routed, keeps them between runs (by model and worker
 * count), and closes whatever it still holds at the end. A run takes a kept session instead of opening one
 * and gives it back when its case ends without a failure of that model; a failed session is closed instead.
 */
export class SessionKeeper {
  private readonly kept = new Map<string, ModelSession>();
  private readonly routes = new WeakMap<ModelSession, { to: Progress }>();

  /** Opens a session of `model` whose progress goes to whichever run holds it. */
  async open(model: Model, context: ModelContext): Promise<ModelSession> {
    const route = { to: context.onWorkerProgress };
    const session = await model.open({ ...context, onWorkerProgress: (p) => route.to(p) });
    this.routes.set(session, route);
    return session;
  }

  /** The kept session of `model` at `workers`, its progress now going to `onWorkerProgress`; undefined if none. */
  take(model: ModelId, workers: number, onWorkerProgress: Progress): ModelSession | undefined {
    const key = `${model}:${workers}`;
    const session = this.kept.get(key);
    if (!session) return undefined;
    this.kept.delete(key);
    this.routes.get(session)!.to = onWorkerProgress;
    return session;
  }

  /** Keeps `session` (opened by this keeper) for the next run of `model` at `workers`. */
  keep(model: ModelId, workers: number, session: ModelSession): void {
    const route = this.routes.get(session);
    if (!route) throw new Error(`internal: the ${model} session was not opened by this keeper`);
    route.to = () => {}; // no run holds it: progress from a late message goes nowhere
    this.kept.set(`${model}:${workers}`, session);
  }

  /** Closes every kept session (each is safe to close twice). */
  async closeAll(): Promise<void> {
    const sessions = [...this.kept.values()];
    this.kept.clear();
    await Promise.all(sessions.map((s) => s.close().catch(() => {})));
  }
}
