import type { StepStatus, TaskEvent, TaskOutput, TaskStatus, TaskStepSpec } from '../../api/scaffolderApi';

/** What the task page knows about one step. */
export interface StepProgress {
  id: string;
  name: string;
  action: string;
  status: StepStatus;
  log: string[];
  startedAt?: string;
  endedAt?: string;
}

/** A task as its events describe it so far. */
export interface TaskProgress {
  status: TaskStatus;
  steps: StepProgress[];
  /** Lines logged outside any step (task start, recovery, the final error). */
  taskLog: string[];
  output?: TaskOutput;
  error?: string;
  /** Id of the last event applied, to resume the stream after it. */
  lastEventId?: number;
}

const FINISHED: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled', 'skipped']);

/** True once a task can no longer change by itself. */
export const isTaskFinished = (status: TaskStatus) => status === 'completed' || status === 'failed' || status === 'cancelled';

/** The starting point: every step of the spec still open. */
export function initialProgress(steps: TaskStepSpec[], status: TaskStatus, output?: TaskOutput): TaskProgress {
  return {
    status,
    steps: steps.map((s) => ({ id: s.id, name: s.name || s.id, action: s.action, status: 'open', log: [] })),
    taskLog: [],
    output,
  };
}

function stepStatusOf(value: unknown): StepStatus | undefined {
  return typeof value === 'string' && ['open', 'processing', 'completed', 'failed', 'skipped', 'cancelled'].includes(value)
    ? (value as StepStatus)
    : undefined;
}

/**
 * Applies one event to the progress, returning a new value. Events already applied (a
 * reconnecting stream repeats nothing, but a page may replay its history) are ignored by id.
 */
export function applyTaskEvent(progress: TaskProgress, event: TaskEvent): TaskProgress {
  if (progress.lastEventId !== undefined && event.id <= progress.lastEventId) return progress;
  const next: TaskProgress = { ...progress, lastEventId: event.id };
  const { body } = event;
  if (event.type === 'log') {
    const stepId = body.stepId;
    const step = stepId ? progress.steps.find((s) => s.id === stepId) : undefined;
    if (!step) {
      if (body.message) next.taskLog = [...progress.taskLog, body.message];
      if (progress.status === 'open') next.status = 'processing';
      return next;
    }
    const status = stepStatusOf(body.status) ?? step.status;
    const updated: StepProgress = {
      ...step,
      status,
      log: body.message ? [...step.log, body.message] : step.log,
      startedAt: step.startedAt ?? (status === 'processing' ? event.createdAt : undefined),
      endedAt: FINISHED.has(status) ? step.endedAt ?? event.createdAt : step.endedAt,
    };
    next.steps = progress.steps.map((s) => (s.id === step.id ? updated : s));
    if (progress.status === 'open') next.status = 'processing';
    return next;
  }
  if (event.type === 'completion') {
    const failed = body.status === 'failed' || Boolean(body.error);
    next.status = failed ? 'failed' : body.status === 'cancelled' ? 'cancelled' : 'completed';
    next.output = body.output ?? progress.output;
    if (failed) next.error = body.error?.message ?? body.message ?? 'The task failed.';
    if (body.message) next.taskLog = [...progress.taskLog, body.message];
    next.steps = progress.steps.map((s) =>
      s.status === 'processing' ? { ...s, status: failed ? 'failed' : next.status === 'cancelled' ? 'cancelled' : s.status } : s,
    );
    return next;
  }
  if (event.type === 'cancelled') {
    next.status = 'cancelled';
    next.steps = progress.steps.map((s) => (s.status === 'processing' || s.status === 'open' ? { ...s, status: 'cancelled' } : s));
    if (body.message) next.taskLog = [...progress.taskLog, body.message];
    return next;
  }
  // `recovered`: the task resumed after a crash or redeploy; say so, state follows from later events.
  next.status = 'processing';
  next.error = undefined;
  if (body.message) next.taskLog = [...progress.taskLog, body.message];
  return next;
}

/** Duration between two instants as "1.2 s" / "3 min 4 s"; empty when either is missing. */
export function formatDuration(start?: string, end?: string): string {
  if (!start || !end) return '';
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
