import { env, SELF } from 'cloudflare:test';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import type { Task, TaskEvent, TaskStatus } from '../../worker/scaffolder/tasks/types';
import { providedEntity } from '../../worker/catalog/ingest/process';
import { clearCatalog, d1Store } from './support';

/** Calls the scaffolder API as the local guest (an admin). */
export function api(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  return SELF.fetch(`http://localhost/api/scaffolder${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
}

/** Submits a task and returns its id (expects 201). */
export async function submit(templateRef: string, values: Record<string, unknown>, secrets?: Record<string, string>): Promise<string> {
  const res = await api('/v2/tasks', { body: { templateRef, values, ...(secrets ? { secrets } : {}) } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The task as the API returns it. */
export async function getTask(id: string): Promise<Task> {
  const res = await api(`/v2/tasks/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Task;
}

/** Polls the task until it reaches one of `statuses` (through the real queue and workflow). */
export async function waitFor(id: string, statuses: TaskStatus[] = ['completed', 'failed', 'cancelled'], timeoutMs = 30_000): Promise<Task> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await getTask(id);
    if (statuses.includes(task.status)) return task;
    if (Date.now() > deadline) throw new Error(`Task ${id} is still ${task.status} after ${timeoutMs} ms: ${JSON.stringify(await events(id))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every event of a task (the events endpoint; it answers at once for an ended task). */
export async function events(id: string, after = 0): Promise<TaskEvent[]> {
  const res = await api(`/v2/tasks/${id}/events?after=${after}`);
  expect(res.status).toBe(200);
  return (await res.json()) as TaskEvent[];
}

/** Empties the catalog and the scaffolder's tables. */
export async function clearScaffolder(): Promise<void> {
  await clearCatalog();
  await env.DB.batch(['scaffolder_tasks', 'scaffolder_events', 'scaffolder_github_repos'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
}

/** A Backstage-format Template entity. */
export function templateEntity(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name, title: name }, spec: { type: 'service', owner: 'group:default/team', ...spec } };
}

/** The YAML of a Backstage-format template. */
export const templateYaml = (name: string, spec: Record<string, unknown>) => stringify(templateEntity(name, spec));

/** Every text stored in the scaffolder's tables (to look for secrets). */
export async function storedText(): Promise<string> {
  const parts: string[] = [];
  for (const t of ['scaffolder_tasks', 'scaffolder_events']) {
    const { results } = await env.DB.prepare(`SELECT * FROM ${t}`).all();
    parts.push(JSON.stringify(results));
  }
  return parts.join('\n');
}

/**
 * Puts a Backstage-format template into the catalog as if read from `https://raw.githubusercontent.com/acme/templates/main/<name>/template.yaml`
 * (relative `url`s of its steps resolve there).
 */
export async function addTemplate(name: string, spec: Record<string, unknown>): Promise<string> {
  const key = `url:https://raw.githubusercontent.com/acme/templates/main/${name}/template.yaml`;
  const result = providedEntity(templateEntity(name, spec), { locationKey: key, originKey: key });
  if (!('entity' in result)) throw new Error(result.message);
  await d1Store().writeLocation({ locationKey: key, originKey: key, output: { entities: [result], errors: [], children: [] }, orphanStrategy: 'delete' });
  return result.ref;
}
