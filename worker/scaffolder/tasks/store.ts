import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { SecretBox } from './secret-box';
import type { StepState, Task, TaskError, TaskEvent, TaskEventBody, TaskSpec, TaskStatus } from './types';

interface TaskRow {
  id: string;
  spec: string;
  template_ref: string;
  status: TaskStatus;
  created_by: string;
  created_at: string;
  last_heartbeat_at: string | null;
  run: number;
  steps: string;
  output: string | null;
  error: string | null;
}

interface EventRow {
  id: number;
  task_id: string;
  type: TaskEvent['type'];
  body: string;
  created_at: string;
}

const toTask = (r: TaskRow): Task => ({
  id: r.id,
  spec: JSON.parse(r.spec) as TaskSpec,
  status: r.status,
  createdAt: r.created_at,
  ...(r.last_heartbeat_at ? { lastHeartbeatAt: r.last_heartbeat_at } : {}),
  createdBy: r.created_by,
  steps: JSON.parse(r.steps) as StepState[],
  ...(r.output ? { output: JSON.parse(r.output) as Record<string, unknown> } : {}),
  ...(r.error ? { error: JSON.parse(r.error) as TaskError } : {}),
});

const toEvent = (r: EventRow): TaskEvent => ({ id: r.id, taskId: r.task_id, type: r.type, createdAt: r.created_at, body: JSON.parse(r.body) as TaskEventBody });

const now = () => new Date().toISOString();

/** Filters of the task list, as Backstage's `GET /v2/tasks` takes them. */
export interface TaskQuery {
  createdBy?: string[];
  status?: TaskStatus[];
  limit?: number;
  offset?: number;
  order?: 'asc' | 'desc';
}

/** Tasks, their events and the repositories they create, in the portal's database. */
export class TaskStore {
  constructor(
    readonly db: Database,
    private readonly box: SecretBox,
  ) {}

  /** Stores a new task (status open) with its secrets for the run. */
  async create(t: { id: string; spec: TaskSpec; templateRef: string; createdBy: string; secrets: Record<string, string>; steps: StepState[] }): Promise<void> {
    await this.db.writeBatch([
      sql`INSERT INTO scaffolder_tasks (id, spec, template_ref, status, created_by, created_at, last_heartbeat_at, secrets, steps)
          VALUES (${t.id}, ${JSON.stringify(t.spec)}, ${t.templateRef}, 'open', ${t.createdBy}, ${now()}, ${now()}, ${await this.box.seal(t.secrets)}, ${JSON.stringify(t.steps)})`,
    ]);
  }

  /** One task, or undefined. */
  async get(id: string): Promise<Task | undefined> {
    const [row] = await this.db.all<TaskRow>(sql`SELECT * FROM scaffolder_tasks WHERE id = ${id}`);
    return row ? toTask(row) : undefined;
  }

  /** Status and run number of a task (a cheap read for polling: no spec, no secrets). */
  async state(id: string): Promise<{ status: TaskStatus; run: number } | undefined> {
    const [row] = await this.db.all<{ status: TaskStatus; run: number }>(sql`SELECT status, run FROM scaffolder_tasks WHERE id = ${id}`);
    return row;
  }

  /** The run number and secrets of a task that may still run (secrets are gone once it ended). */
  async runState(id: string): Promise<{ status: TaskStatus; run: number; secrets: Record<string, string> } | undefined> {
    const [row] = await this.db.all<{ status: TaskStatus; run: number; secrets: string | null }>(sql`SELECT status, run, secrets FROM scaffolder_tasks WHERE id = ${id}`);
    return row ? { status: row.status, run: row.run, secrets: row.secrets ? await this.box.open(row.secrets) : {} } : undefined;
  }

  /** A page of tasks, newest first unless asked otherwise, and how many match in all. */
  async list(q: TaskQuery): Promise<{ tasks: Task[]; totalTasks: number }> {
    const where: SQL[] = [];
    if (q.createdBy?.length) where.push(sql`created_by IN (${sql.join(q.createdBy.map((c) => sql`${c}`), sql`, `)})`);
    if (q.status?.length) where.push(sql`status IN (${sql.join(q.status.map((s) => sql`${s}`), sql`, `)})`);
    const clause = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
    const order = q.order === 'asc' ? sql`ASC` : sql`DESC`;
    const [rows, count] = (await this.db.readBatch([
      sql`SELECT * FROM scaffolder_tasks ${clause} ORDER BY created_at ${order}, id ${order} LIMIT ${q.limit ?? 100} OFFSET ${q.offset ?? 0}`,
      sql`SELECT count(*) AS n FROM scaffolder_tasks ${clause}`,
    ])) as [TaskRow[], { n: number }[]];
    return { tasks: rows.map(toTask), totalTasks: Number(count[0]?.n ?? 0) };
  }

  /** Appends an event (the heartbeat moves with step changes, see stepEvent). */
  async appendEvent(taskId: string, type: TaskEvent['type'], body: TaskEventBody): Promise<void> {
    await this.db.writeBatch([this.eventSql(taskId, type, body)]);
  }

  /** Changes one step's state and appends an event about it, in one round trip. */
  async stepEvent(taskId: string, stepId: string, patch: Partial<StepState>, body: TaskEventBody): Promise<void> {
    await this.db.writeBatch([
      sql`UPDATE scaffolder_tasks SET steps = (
            SELECT json_group_array(CASE WHEN json_extract(value, '$.id') = ${stepId} THEN json_patch(value, ${JSON.stringify(patch)}) ELSE json(value) END)
            FROM json_each(steps)
          ), last_heartbeat_at = ${now()} WHERE id = ${taskId}`,
      this.eventSql(taskId, 'log', { ...body, stepId }),
    ]);
  }

  private eventSql(taskId: string, type: TaskEvent['type'], body: TaskEventBody): SQL {
    return sql`INSERT INTO scaffolder_events (task_id, type, body, created_at) VALUES (${taskId}, ${type}, ${JSON.stringify(body)}, ${now()})`;
  }

  /** Events after `after` (an event id), oldest first. */
  async events(taskId: string, after = 0, limit = 1000): Promise<TaskEvent[]> {
    const rows = await this.db.all<EventRow>(sql`SELECT * FROM scaffolder_events WHERE task_id = ${taskId} AND id > ${after} ORDER BY id LIMIT ${limit}`);
    return rows.map(toEvent);
  }

  /** Moves an open task to processing for run `run`; false when it is not open (cancelled, or another run). */
  async start(id: string, run: number): Promise<boolean> {
    const rows = await this.db.all<{ id: string }>(
      sql`UPDATE scaffolder_tasks SET status = 'processing', last_heartbeat_at = ${now()} WHERE id = ${id} AND run = ${run} AND status IN ('open', 'processing') RETURNING id`,
    );
    return rows.length > 0;
  }

  /** Replaces the step states. */
  async setSteps(id: string, steps: StepState[]): Promise<void> {
    await this.db.writeBatch([sql`UPDATE scaffolder_tasks SET steps = ${JSON.stringify(steps)}, last_heartbeat_at = ${now()} WHERE id = ${id}`]);
  }

  /**
   * Ends run `run` of a task that is still open or processing: its final status, output or
   * error, and its secrets dropped. False when it had already ended (e.g. cancelled).
   */
  async finish(id: string, run: number, status: 'completed' | 'failed', result: { output?: Record<string, unknown>; error?: TaskError }): Promise<boolean> {
    const rows = await this.db.all<{ id: string }>(sql`UPDATE scaffolder_tasks
      SET status = ${status}, ended_at = ${now()}, last_heartbeat_at = ${now()}, secrets = NULL,
          output = ${result.output ? JSON.stringify(result.output) : null}, error = ${result.error ? JSON.stringify(result.error) : null}
      WHERE id = ${id} AND run = ${run} AND status IN ('open', 'processing') RETURNING id`);
    return rows.length > 0;
  }

  /** Cancels a task that has not ended (secrets dropped): its run and step states, or undefined when it had already ended. */
  async cancel(id: string): Promise<{ run: number; steps: StepState[] } | undefined> {
    const [row] = await this.db.all<{ run: number; steps: string }>(sql`UPDATE scaffolder_tasks
      SET status = 'cancelled', ended_at = ${now()}, last_heartbeat_at = ${now()}, secrets = NULL
      WHERE id = ${id} AND status IN ('open', 'processing') RETURNING run, steps`);
    return row ? { run: row.run, steps: JSON.parse(row.steps) as StepState[] } : undefined;
  }

  /** Reopens an ended, unsuccessful task as its next run; returns that run, or undefined when it cannot be retried. */
  async reopen(id: string, secrets: Record<string, string>, steps: StepState[]): Promise<number | undefined> {
    const [row] = await this.db.all<{ run: number }>(sql`UPDATE scaffolder_tasks
      SET status = 'open', run = run + 1, ended_at = NULL, last_heartbeat_at = ${now()}, secrets = ${await this.box.seal(secrets)},
          steps = ${JSON.stringify(steps)}, output = NULL, error = NULL
      WHERE id = ${id} AND status IN ('failed', 'cancelled') RETURNING run`);
    return row?.run;
  }

  /** Who set out to create a repository (publish:github's claim), if anyone. */
  async repoClaim(host: string, owner: string, repo: string): Promise<string | undefined> {
    const [row] = await this.db.all<{ task_id: string }>(
      sql`SELECT task_id FROM scaffolder_github_repos WHERE host = ${host} AND owner = ${owner.toLowerCase()} AND repo = ${repo.toLowerCase()}`,
    );
    return row?.task_id;
  }

  /** Records that a task is about to create a repository (replacing a stale claim on a name that does not exist). */
  async claimRepo(taskId: string, host: string, owner: string, repo: string): Promise<void> {
    await this.db.writeBatch([
      sql`INSERT INTO scaffolder_github_repos (task_id, host, owner, repo, created_at) VALUES (${taskId}, ${host}, ${owner.toLowerCase()}, ${repo.toLowerCase()}, ${now()})
          ON CONFLICT (host, owner, repo) DO UPDATE SET task_id = excluded.task_id, created_at = excluded.created_at`,
    ]);
  }
}
