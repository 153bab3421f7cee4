/** Task and event shapes of Backstage's scaffolder v2 API (plus step states and output for the task page). */

/** Where a task is in its life. */
export type TaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';

/** Where a step is in its life. */
export type StepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

/** A template step as written (`if` and `each` unrendered). */
export interface TemplateStep {
  id: string;
  name: string;
  action: string;
  input?: Record<string, unknown>;
  if?: string | boolean;
  each?: unknown;
}

/** What a task runs: Backstage's TaskSpecV1beta3. */
export interface TaskSpec {
  apiVersion: 'scaffolder.backstage.io/v1beta3';
  templateInfo: { entityRef: string; baseUrl?: string; entity?: { metadata: Record<string, unknown> } };
  parameters: Record<string, unknown>;
  steps: TemplateStep[];
  output: Record<string, unknown>;
  user: { ref?: string; entity?: Record<string, unknown> };
}

/** One step's state, for the task page. */
export interface StepState {
  id: string;
  name: string;
  action: string;
  status: StepStatus;
  startedAt?: string;
  endedAt?: string;
}

/** A readable error as it is stored and shown. */
export interface TaskError {
  name: string;
  message: string;
}

/** A task as the API returns it. */
export interface Task {
  id: string;
  spec: TaskSpec;
  status: TaskStatus;
  createdAt: string;
  lastHeartbeatAt?: string;
  createdBy: string;
  steps: StepState[];
  output?: Record<string, unknown>;
  error?: TaskError;
}

/** What an event says. */
export interface TaskEventBody {
  message: string;
  stepId?: string;
  status?: StepStatus | TaskStatus;
  output?: Record<string, unknown>;
  error?: TaskError;
}

/** One event of a task: a log line, a step status change, the cancellation or the end. */
export interface TaskEvent {
  id: number;
  taskId: string;
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  createdAt: string;
  body: TaskEventBody;
}

/** Statuses after which nothing more happens to a task (until it is retried). */
export const ENDED: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'cancelled']);
