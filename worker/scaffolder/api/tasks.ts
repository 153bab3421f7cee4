import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../env';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../lib/errors';
import { archiveKey } from '../actions/publish-local';
import { instanceId } from '../execution/message';
import { asStrings, prepareValues } from '../tasks/prepare';
import { initialSteps, taskSpec } from '../tasks/spec';
import { TaskStore } from '../tasks/store';
import { taskSecretBox } from '../tasks/secret-box';
import { ENDED, type Task, type TaskStatus } from '../tasks/types';
import { readTemplate } from './template-entity';
import { jsonObject, parameterErrors, secretsOf, valuesOf } from './validation';

const STATUSES: readonly TaskStatus[] = ['open', 'processing', 'completed', 'failed', 'cancelled'];
// The events long-poll answers within this, even when nothing happened (clients ask again).
const LONG_POLL_MS = 25_000;
// An event stream ends after this; EventSource reconnects with Last-Event-ID and resumes.
const STREAM_MS = 5 * 60_000;
const POLL_MS = 250;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tasksOf = (c: Context<AppEnv>) => new TaskStore(c.var.store.db, taskSecretBox(c.var.config));

async function taskOr404(c: Context<AppEnv>, id: string): Promise<Task> {
  const task = await tasksOf(c).get(id);
  if (!task) throw new NotFoundError(`Task ${id} not found`);
  return task;
}

/** Cancelling or retrying is for whoever started the task, or an admin. */
function mayControl(c: Context<AppEnv>, task: Task): void {
  const p = c.var.principal;
  if (p && (p.role === 'admin' || p.subject.guest || (task.createdBy && task.createdBy === p.identity.userEntityRef))) return;
  throw new NotAllowedError(`Only ${task.createdBy || 'its creator'} or an admin may change task ${task.id}`);
}

function afterParam(c: Context<AppEnv>): number {
  const raw = c.req.query('after') ?? c.req.header('last-event-id');
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`after must be an event id (a non-negative integer), not "${raw}"`);
  return n;
}

/** Backstage's task API: create, list, get, event stream, events long-poll, cancel, retry; plus the archive download. */
export const taskRoutes = new Hono<AppEnv>()
  .post('/v2/tasks', async (c) => {
    const body = await jsonObject(c);
    if (!body) throw new InputError('The body must be a JSON object { templateRef, values, secrets? }');
    if (typeof body.templateRef !== 'string' || !body.templateRef) throw new InputError('templateRef is required (e.g. "template:default/hono-worker-service")');
    const values = valuesOf(body);
    const { entity, ref } = await readTemplate(c, body.templateRef);
    const prepared = prepareValues(entity.spec?.parameters, values, secretsOf(body));
    if (prepared.errors.length) return parameterErrors(c, prepared.errors);
    const userRef = c.var.principal?.identity.userEntityRef;
    const [userRow] = userRef ? await c.var.store.readByRefs([userRef]) : [];
    const spec = taskSpec(entity, ref, prepared.parameters, { ...(userRef ? { ref: userRef } : {}), ...(userRow ? { entity: JSON.parse(userRow.json) } : {}) });
    const id = crypto.randomUUID();
    await tasksOf(c).create({ id, spec, templateRef: ref, createdBy: userRef ?? '', secrets: prepared.secrets, steps: initialSteps(spec) });
    await c.env.SCAFFOLDER_QUEUE.send({ taskId: id, run: 1 });
    return c.json({ id }, 201);
  })
  .get('/v2/tasks', async (c) => {
    const status = c.req.queries('status') ?? [];
    const bad = status.find((s) => !STATUSES.includes(s as TaskStatus));
    if (bad) throw new InputError(`status must be one of ${STATUSES.join(', ')}, not "${bad}"`);
    const limit = Number(c.req.query('limit') ?? 100);
    const offset = Number(c.req.query('offset') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InputError('limit must be an integer from 1 to 1000');
    if (!Number.isInteger(offset) || offset < 0) throw new InputError('offset must be a non-negative integer');
    const order = c.req.query('order');
    if (order !== undefined && !/^(asc|desc):created_at$/.test(order)) throw new InputError('order must be "asc:created_at" or "desc:created_at"');
    const createdBy = (c.req.queries('createdBy') ?? []).map((r) => r.toLowerCase());
    return c.json(await tasksOf(c).list({ createdBy, status: status as TaskStatus[], limit, offset, order: order?.startsWith('asc') ? 'asc' : 'desc' }));
  })
  .get('/v2/tasks/:taskId', async (c) => c.json(await taskOr404(c, c.req.param('taskId'))))
  .get('/v2/tasks/:taskId/events', async (c) => {
    const id = c.req.param('taskId');
    const after = afterParam(c);
    await taskOr404(c, id);
    const store = tasksOf(c);
    const deadline = Date.now() + LONG_POLL_MS;
    for (;;) {
      const events = await store.events(id, after);
      if (events.length || Date.now() > deadline) return c.json(events);
      const state = await store.state(id);
      if (!state || ENDED.has(state.status)) return c.json(await store.events(id, after));
      await sleep(POLL_MS);
    }
  })
  .get('/v2/tasks/:taskId/eventstream', async (c) => {
    const id = c.req.param('taskId');
    let after = afterParam(c);
    await taskOr404(c, id);
    const store = tasksOf(c);
    return streamSSE(c, async (stream) => {
      const deadline = Date.now() + STREAM_MS;
      while (!stream.aborted && Date.now() < deadline) {
        const events = await store.events(id, after);
        for (const e of events) {
          await stream.writeSSE({ id: String(e.id), event: e.type, data: JSON.stringify(e) });
          after = e.id;
          if (e.type === 'completion') return;
        }
        if (!events.length) {
          const state = await store.state(id);
          // Ended without a completion event after `after` (already sent earlier): nothing more will come.
          if (!state || (ENDED.has(state.status) && !(await store.events(id, after)).length)) return;
          await stream.sleep(POLL_MS);
        }
      }
    });
  })
  .post('/v2/tasks/:taskId/cancel', async (c) => {
    const task = await taskOr404(c, c.req.param('taskId'));
    mayControl(c, task);
    const store = tasksOf(c);
    const cancelled = await store.cancel(task.id);
    if (!cancelled) throw new ConflictError(`Task ${task.id} has already ended (${task.status})`);
    await store.setSteps(task.id, cancelled.steps.map((s) => (s.status === 'open' || s.status === 'processing' ? { ...s, status: 'cancelled' } : s)));
    await store.appendEvent(task.id, 'cancelled', { message: 'The task was cancelled' });
    await store.appendEvent(task.id, 'completion', { message: 'Run cancelled', status: 'cancelled' });
    try {
      await (await c.env.SCAFFOLD.get(instanceId(task.id, cancelled.run))).terminate();
    } catch {
      // Not started yet, or already finished: the run checks the status before every step anyway.
    }
    return c.json({ status: 'cancelled' });
  })
  .post('/v2/tasks/:taskId/retry', async (c) => {
    const task = await taskOr404(c, c.req.param('taskId'));
    mayControl(c, task);
    const body = (await jsonObject(c)) ?? {};
    const store = tasksOf(c);
    const run = await store.reopen(task.id, asStrings(secretsOf(body)), initialSteps(task.spec));
    if (run === undefined) throw new ConflictError(`Task ${task.id} is ${task.status}; only failed or cancelled tasks can be retried`);
    await store.appendEvent(task.id, 'recovered', { message: `Retrying the task (run ${run})` });
    await c.env.SCAFFOLDER_QUEUE.send({ taskId: task.id, run });
    return c.json({ id: task.id }, 201);
  })
  .get('/v2/tasks/:taskId/archive', async (c) => {
    const task = await taskOr404(c, c.req.param('taskId'));
    const obj = await c.env.WORKSPACES.get(archiveKey(task.id));
    if (!obj) throw new NotFoundError(`Task ${task.id} published no archive`);
    const filename = (obj.customMetadata?.filename ?? `${task.id}.tar.gz`).replace(/[^\w.-]/g, '_');
    return new Response(obj.body, {
      headers: { 'content-type': 'application/gzip', 'content-disposition': `attachment; filename="${filename}"`, 'content-length': String(obj.size) },
    });
  });
