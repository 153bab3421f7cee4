import { getJson, sendJson } from './http';

const BASE = '/api/scaffolder/v2';

/** The lifecycle of a task, as Backstage names it. */
export type TaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';

/** The lifecycle of one step, as reported by its log events. */
export type StepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

/** One page of a template's form: a JSON Schema object with `ui:*` keys inline. */
export interface ParameterPage {
  title: string;
  description?: string;
  schema: JsonSchema;
}

/** A JSON Schema (draft 7 subset used by templates) with react-jsonschema-form `ui:*` keys. */
export type JsonSchema = { [key: string]: unknown };

/** Answer of `GET /v2/templates/:namespace/:kind/:name/parameter-schema`. */
export interface TemplateParameterSchema {
  title: string;
  description?: string;
  steps: ParameterPage[];
}

/** A link in a task's output; `entityRef` points inside the catalog. */
export interface OutputLink {
  title?: string;
  url?: string;
  entityRef?: string;
  icon?: string;
}

/** What a finished task reports (`spec.output` rendered). */
export interface TaskOutput {
  links?: OutputLink[];
  text?: { title?: string; content?: string; default?: boolean }[];
  [key: string]: unknown;
}

/** One step as the task's spec describes it. */
export interface TaskStepSpec {
  id: string;
  name?: string;
  action: string;
  if?: unknown;
}

/** A task as `GET /v2/tasks/:id` returns it. */
export interface Task {
  id: string;
  spec: {
    templateInfo?: { entityRef?: string; entity?: { metadata?: { name?: string; title?: string; description?: string; tags?: string[] } } };
    parameters?: Record<string, unknown>;
    steps: TaskStepSpec[];
    output?: unknown;
    user?: { ref?: string };
  };
  status: TaskStatus;
  createdAt: string;
  lastHeartbeatAt?: string;
  createdBy?: string;
  output?: TaskOutput;
  /** Why a failed task failed. */
  error?: { name: string; message: string };
  /** Each step's state (Greenroom's addition to Backstage's shape). */
  steps?: (TaskStepSpec & { status: StepStatus; startedAt?: string; endedAt?: string })[];
}

/** One entry of a task's event log (`log`, `completion`, `cancelled`, `recovered`). */
export interface TaskEvent {
  id: number;
  taskId: string;
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  createdAt: string;
  body: {
    message?: string;
    stepId?: string;
    status?: StepStatus | TaskStatus;
    output?: TaskOutput;
    error?: { name?: string; message?: string };
  };
}

/** Answer of `GET /v2/tasks`. */
export interface TaskList {
  tasks: Task[];
  totalTasks?: number;
}

/** A file of a dry run's workspace. */
export interface DryRunFile {
  path: string;
  base64Content: string;
  executable?: boolean;
}

/** Answer of `POST /v2/dry-run`. */
export interface DryRunResult {
  log: { body: { message?: string; stepId?: string; status?: StepStatus } }[];
  directoryContents: DryRunFile[];
  output: TaskOutput;
  steps: TaskStepSpec[];
}

/** An action of `GET /v2/actions`. */
export interface ActionInfo {
  id: string;
  description?: string;
  schema?: { input?: JsonSchema; output?: JsonSchema };
}

/** A template as the gallery lists it (`GET /v2/templates`). */
export interface TemplateSummary {
  entityRef: string;
  name: string;
  namespace: string;
  title: string;
  description: string;
  tags: string[];
  owner?: string;
  type: string;
  builtin: boolean;
  entity: Record<string, unknown> & { spec?: { parameters?: unknown } };
}

/** Typed client for the scaffolder's Backstage-compatible `/v2` API. */
export const scaffolderApi = {
  /** Templates, optionally narrowed by text, tag and owner (an entity ref). */
  templates: (filter: { q?: string; tag?: string; owner?: string } = {}, signal?: AbortSignal) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    const qs = query.toString();
    return getJson<{ items: TemplateSummary[] }>(`${BASE}/templates${qs ? `?${qs}` : ''}`, signal).then((r) => r.items);
  },

  /** The form pages of a template. */
  parameterSchema: (namespace: string, kind: string, name: string, signal?: AbortSignal) =>
    getJson<TemplateParameterSchema>(
      `${BASE}/templates/${[namespace, kind, name].map(encodeURIComponent).join('/')}/parameter-schema`,
      signal,
    ),

  /** Starts a task; `secrets` are kept apart from `values` and never stored after the task ends. */
  createTask: (request: { templateRef: string; values: Record<string, unknown>; secrets?: Record<string, string> }) =>
    sendJson<{ id: string }>('POST', `${BASE}/tasks`, request),

  /** One task. */
  task: (id: string, signal?: AbortSignal) => getJson<Task>(`${BASE}/tasks/${encodeURIComponent(id)}`, signal),

  /** Tasks, newest first: `createdBy` (a user entity ref) limits them to one person's. */
  tasks: (filter: { createdBy?: string; status?: TaskStatus; limit?: number; offset?: number }, signal?: AbortSignal) => {
    const query = new URLSearchParams();
    if (filter.createdBy) query.set('createdBy', filter.createdBy);
    if (filter.status) query.set('status', filter.status);
    query.set('limit', String(filter.limit ?? 50));
    if (filter.offset) query.set('offset', String(filter.offset));
    query.append('order', 'desc:created_at');
    return getJson<TaskList>(`${BASE}/tasks?${query}`, signal);
  },

  /** The URL of a task's server-sent event stream, resuming after event `after`. */
  eventStreamUrl: (id: string, after?: number) =>
    `${BASE}/tasks/${encodeURIComponent(id)}/eventstream${after === undefined ? '' : `?after=${after}`}`,

  /** Asks a running task to stop. */
  cancel: (id: string) => sendJson<unknown>('POST', `${BASE}/tasks/${encodeURIComponent(id)}/cancel`),

  /** Runs a failed or cancelled task again (same id); secrets are gone once a task ends, so they are sent anew. */
  retry: (id: string, secrets?: Record<string, string>) =>
    sendJson<{ id: string }>('POST', `${BASE}/tasks/${encodeURIComponent(id)}/retry`, secrets ? { secrets } : {}),

  /** Runs a template without side effects and returns the files it would produce. */
  dryRun: (request: { template: unknown; values: Record<string, unknown>; secrets?: Record<string, string>; directoryContents?: DryRunFile[] }) =>
    sendJson<DryRunResult>('POST', `${BASE}/dry-run`, request),

  /** The installed actions with their input schemas. */
  actions: () => getJson<ActionInfo[]>(`${BASE}/actions`),
};
