// The task API's edges: validation, listing, the event stream and long-poll, dry runs, actions.
import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { BUILTIN_FILES } from '../../worker/scaffolder/builtin/files.generated';
import type { TaskEvent } from '../../worker/scaffolder/tasks/types';
import type { Identity } from '../../worker/auth/identity';
import { apiToken, DEPLOYED } from './auth-support';
import { addTemplate, api, clearScaffolder, events, getTask, submit, templateEntity, waitFor } from './scaffolder-support';

vi.setConfig({ testTimeout: 60_000 });
beforeEach(clearScaffolder);

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
const unb64 = (s: string) => new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));

/** Reads an SSE response to its end: the events it carried. */
async function readStream(res: Response): Promise<{ id: string; event: string; data: TaskEvent }[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? '';
      return { id: field('id'), event: field('event'), data: JSON.parse(field('data')) as TaskEvent };
    });
}

describe('POST /v2/tasks', () => {
  it('validates values with the same rules as the form, listing each problem', async () => {
    const res = await api('/v2/tasks', { body: { templateRef: 'template:default/hono-worker-service', values: { name: 'Bad Name', publish: 'github' } } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { name: string; message: string }; errors: { path: string; message: string }[] };
    expect(body.error.name).toBe('InputError');
    expect(body.errors).toEqual([
      { path: 'owner', message: 'is required' },
      { path: 'name', message: 'must match the pattern ^[a-z][a-z0-9-]{1,62}$' },
      { path: 'repoUrl', message: 'is required' },
    ]);
    expect(body.error.message).toContain('owner is required');
    expect((await env.DB.prepare('SELECT count(*) AS n FROM scaffolder_tasks').first<{ n: number }>())!.n).toBe(0);
  });

  it('refuses bodies that are not a task, and templates that do not exist', async () => {
    expect((await api('/v2/tasks', { body: 'not json' })).status).toBe(400);
    expect((await api('/v2/tasks', { body: { values: {} } })).status).toBe(400);
    expect((await api('/v2/tasks', { body: { templateRef: 'template:default/hono-worker-service', values: [] } })).status).toBe(400);
    expect((await api('/v2/tasks', { body: { templateRef: 'component:default/x', values: {} } })).status).toBe(400);
    const missing = await api('/v2/tasks', { body: { templateRef: 'template:default/nope', values: {} } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe('Template template:default/nope not found');
  });
});

describe('GET /v2/tasks', () => {
  it('lists tasks newest first, by creator and status', async () => {
    const ref = await addTemplate('quick', { steps: [{ id: 'l', action: 'debug:log', input: { message: 'hi' } }] });
    const bad = await addTemplate('broken', { steps: [{ id: 'x', action: 'nope' }] });
    const a = await submit(ref, {});
    await waitFor(a);
    const b = await submit(bad, {});
    await waitFor(b);
    const all = (await (await api('/v2/tasks')).json()) as { tasks: { id: string; createdBy: string; status: string }[]; totalTasks: number };
    expect(all.totalTasks).toBe(2);
    expect(all.tasks.map((t) => [t.id, t.status, t.createdBy])).toEqual([
      [b, 'failed', 'user:default/guest'],
      [a, 'completed', 'user:default/guest'],
    ]);
    const failed = (await (await api('/v2/tasks?status=failed')).json()) as { tasks: { id: string }[] };
    expect(failed.tasks.map((t) => t.id)).toEqual([b]);
    const mine = (await (await api('/v2/tasks?createdBy=user:default/guest&limit=1&order=asc:created_at')).json()) as { tasks: { id: string }[]; totalTasks: number };
    expect(mine).toMatchObject({ totalTasks: 2, tasks: [{ id: a }] });
    expect(((await (await api('/v2/tasks?createdBy=user:default/someone')).json()) as { totalTasks: number }).totalTasks).toBe(0);
    expect((await api('/v2/tasks?status=weird')).status).toBe(400);
    expect((await api('/v2/tasks?limit=0')).status).toBe(400);
  });
});

describe('events', () => {
  it('streams a task’s events over SSE, resumable with after, ending at completion', async () => {
    const ref = await addTemplate('chatty', {
      steps: [
        { id: 'one', action: 'debug:log', input: { message: 'one' } },
        { id: 'two', action: 'debug:log', input: { message: 'two' } },
      ],
    });
    const id = await submit(ref, {});
    // Opened while the task runs: the stream follows it live and ends with its completion.
    const live = await readStream(await SELF.fetch(`http://localhost/api/scaffolder/v2/tasks/${id}/eventstream`));
    expect(live.at(-1)).toMatchObject({ event: 'completion', data: { type: 'completion', body: { status: 'completed' } } });
    expect(live.map((e) => e.data.body.message)).toContain('two');
    expect(live.map((e) => Number(e.id))).toEqual(live.map((e) => e.data.id));

    const middle = live[2]!.data.id;
    const resumed = await readStream(await SELF.fetch(`http://localhost/api/scaffolder/v2/tasks/${id}/eventstream?after=${middle}`));
    expect(resumed.map((e) => e.data.id)).toEqual(live.filter((e) => e.data.id > middle).map((e) => e.data.id));
    const byHeader = await readStream(await SELF.fetch(`http://localhost/api/scaffolder/v2/tasks/${id}/eventstream`, { headers: { 'last-event-id': String(middle) } }));
    expect(byHeader.map((e) => e.data.id)).toEqual(resumed.map((e) => e.data.id));

    const polled = await events(id, middle);
    expect(polled.map((e) => e.id)).toEqual(resumed.map((e) => e.data.id));
    // Nothing after the last event of an ended task: the long-poll answers at once, empty.
    const started = Date.now();
    expect(await events(id, live.at(-1)!.data.id)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await api(`/v2/tasks/${id}/events?after=-1`)).status).toBe(400);
    expect((await api('/v2/tasks/nope/eventstream')).status).toBe(404);
  });

  it('the long-poll waits for the next event of a running task', async () => {
    const ref = await addTemplate('waits', { steps: [{ id: 'w', action: 'debug:wait', input: { milliseconds: 1500 } }, { id: 'l', action: 'debug:log', input: { message: 'after the wait' } }] });
    const id = await submit(ref, {});
    await waitFor(id, ['processing', 'completed']);
    let seen: TaskEvent[] = await events(id);
    while (!seen.some((e) => e.body.message === 'after the wait')) {
      const next = await events(id, seen.at(-1)?.id ?? 0);
      expect(next.length).toBeGreaterThan(0);
      seen = [...seen, ...next];
    }
    expect(seen.map((e) => e.id)).toEqual([...new Set(seen.map((e) => e.id))]);
  });
});

describe('POST /v2/dry-run', () => {
  const docsFiles = Object.entries(BUILTIN_FILES)
    .filter(([p]) => p.startsWith('docs-site/') && p !== 'docs-site/template.yaml')
    .map(([p, c]) => ({ path: p.slice('docs-site/'.length), base64Content: b64(c as string) }));

  it('renders a template’s files without side effects and returns them with the log', async () => {
    const template = parse(BUILTIN_FILES['docs-site/template.yaml'] as string);
    const res = await api('/v2/dry-run', {
      body: { template, values: { name: 'handbook', title: 'The Handbook', owner: 'group:default/devex-team', pages: ['Getting started', 'FAQ'] }, directoryContents: docsFiles },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as {
      log: { body: { message: string; stepId?: string; status?: string } }[];
      directoryContents: { path: string; base64Content: string; executable: boolean }[];
      output: { links?: unknown[] };
      steps: { id: string; action: string }[];
    };
    const files = Object.fromEntries(body.directoryContents.map((f) => [f.path, unb64(f.base64Content)]));
    expect(Object.keys(files).sort()).toEqual(['README.md', 'catalog-info.yaml', 'docs/faq.md', 'docs/getting-started.md', 'docs/index.md', 'mkdocs.yml']);
    expect(files['mkdocs.yml']).toContain('- "Getting started": getting-started.md');
    expect(files['docs/faq.md']).toBe('# FAQ\n\nThis page of the The Handbook documentation is waiting for its content.\n');
    expect(files['docs/index.md']).toContain('- [FAQ](faq.md)');
    expect(body.steps.map((s) => s.id)).toEqual(['fetch', 'page', 'publish-local', 'publish', 'register']);
    expect(body.log.find((l) => l.body.stepId === 'publish-local' && !l.body.status)?.body.message).toMatch(/^Skipping publish:local in a dry run/);
    expect(body.log.filter((l) => l.body.status === 'skipped').map((l) => l.body.stepId)).toEqual(['publish', 'register']);
    // Nothing was published or registered.
    expect((await env.WORKSPACES.list({ prefix: 'scaffolder/dry-run' })).objects).toEqual([]);
    expect((await SELF.fetch('http://localhost/api/catalog/entities/by-name/component/default/handbook')).status).toBe(404);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM scaffolder_tasks').first<{ n: number }>())!.n).toBe(0);
  });

  it('reports a failing step in the log and refuses bad input', async () => {
    const template = templateEntity('dry', {
      parameters: { properties: { name: { type: 'string' } }, required: ['name'] },
      steps: [{ id: 'rename', action: 'fs:rename', input: { files: [{ from: 'x', to: 'y' }] } }],
    });
    const ok = (await (await api('/v2/dry-run', { body: { template, values: { name: 'n' } } })).json()) as { log: { body: { status?: string; message: string } }[] };
    expect(ok.log.at(-1)!.body).toEqual({ stepId: 'rename', status: 'failed', message: 'Step "fs:rename" failed: fs:rename: "x" is not in the workspace' });
    const invalid = await api('/v2/dry-run', { body: { template, values: {} } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: unknown[] }).errors).toEqual([{ path: 'name', message: 'is required' }]);
    expect((await api('/v2/dry-run', { body: { template: { kind: 'Component' }, values: {} } })).status).toBe(400);
    expect((await api('/v2/dry-run', { body: { template, values: { name: 'n' }, directoryContents: [{ path: '../x', base64Content: 'AA==' }] } })).status).toBe(400);
  });
});

describe('GET /v2/actions', () => {
  it('lists every action with its input schema', async () => {
    const actions = (await (await api('/v2/actions')).json()) as { id: string; description: string; schema: { input: { type: string } } }[];
    expect(actions.map((a) => a.id).sort()).toEqual(
      [
        'catalog:register',
        'catalog:write',
        'debug:log',
        'debug:wait',
        'fetch:plain',
        'fetch:plain:file',
        'fetch:template',
        'fetch:template:file',
        'fs:delete',
        'fs:rename',
        'github:actions:dispatch',
        'publish:github',
        'publish:github:pull-request',
        'publish:local',
      ].sort(),
    );
    for (const a of actions) {
      expect(a.description.length).toBeGreaterThan(10);
      expect(a.schema.input.type).toBe('object');
    }
  });
});

describe('dry run of a built-in template', () => {
  it('reads the built-in folder when no files are sent', async () => {
    const template = parse(BUILTIN_FILES['typescript-library/template.yaml'] as string);
    template.metadata.annotations = { 'greenroom.dev/builtin-template': 'builtin:/templates/typescript-library/template.yaml' };
    const body = (await (await api('/v2/dry-run', { body: { template, values: { name: 'tiny', owner: 'group:default/x' } } })).json()) as { directoryContents: { path: string }[] };
    expect(body.directoryContents.map((f) => f.path)).toContain('src/tiny.ts');
  });
});

describe('workspace actions in a dry run', () => {
  it('fetch plain folders and files, rename folders, delete by glob, write descriptors', async () => {
    const template = templateEntity('fs-actions', {
      steps: [
        { id: 'plain', action: 'fetch:plain', input: { url: 'builtin:/templates/docs-site/skeleton', targetPath: 'site' } },
        { id: 'file', action: 'fetch:plain:file', input: { url: './notes.txt', targetPath: 'notes/${{ parameters.n }}.txt' } },
        { id: 'mv', action: 'fs:rename', input: { files: [{ from: 'site/docs', to: 'handbook' }] } },
        { id: 'rm', action: 'fs:delete', input: { files: ['site/*.md'] } },
        { id: 'desc', action: 'catalog:write', input: { entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' } } } },
        { id: 'clash', action: 'fs:rename', input: { files: [{ from: 'notes/1.txt', to: 'catalog-info.yaml' }] } },
      ],
    });
    const res = await api('/v2/dry-run', { body: { template, values: { n: 1 }, directoryContents: [{ path: 'notes.txt', base64Content: b64('${{ raw }}') }] } });
    const body = (await res.json()) as { directoryContents: { path: string; base64Content: string }[]; log: { body: { message: string; status?: string } }[] };
    const files = Object.fromEntries(body.directoryContents.map((f) => [f.path, unb64(f.base64Content)]));
    expect(Object.keys(files).sort()).toEqual(['catalog-info.yaml', 'handbook/index.md', 'notes/1.txt', 'site/catalog-info.yaml', 'site/mkdocs.yml']);
    expect(files['notes/1.txt']).toBe('${{ raw }}');
    expect(files['site/mkdocs.yml']).toContain('${{ values.title | dump }}');
    expect(files['catalog-info.yaml']).toContain('kind: Component');
    expect(body.log.at(-1)!.body).toMatchObject({ status: 'failed', message: expect.stringContaining('"catalog-info.yaml" exists (set overwrite: true to replace it)') });
  });
});

describe('who may act on a task', () => {
  const person = (login: string, teams: string[] = []): Identity => ({
    userEntityRef: `user:default/${login}`,
    ownershipEntityRefs: [`user:default/${login}`],
    displayName: login,
    github: { login, orgs: ['acme'], teams },
    inCatalog: false,
  });
  const as = (token: string, path: string, body?: unknown) =>
    SELF.fetch(`${DEPLOYED}/api/scaffolder${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it('records the creator; only they or an admin may cancel or retry', async () => {
    const ref = await addTemplate('long', { steps: [{ id: 'w', action: 'debug:wait', input: { seconds: 20 } }] });
    const mia = await apiToken(person('mia'), ['scaffolder:run']);
    const bob = await apiToken(person('bob'), ['scaffolder:run']);
    const ada = await apiToken(person('ada', ['acme/platform']), ['scaffolder:run']);
    const created = await as(mia, '/v2/tasks', { templateRef: ref, values: {} });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await getTask(id)).createdBy).toBe('user:default/mia');
    expect((await getTask(id)).spec.user).toEqual({ ref: 'user:default/mia' });
    const mine = (await (await as(mia, '/v2/tasks?createdBy=user:default/mia')).json()) as { totalTasks: number };
    expect(mine.totalTasks).toBe(1);

    const refused = await as(bob, `/v2/tasks/${id}/cancel`, {});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(`Only user:default/mia or an admin may change task ${id}`);
    expect((await as(mia, `/v2/tasks/${id}/cancel`, {})).status).toBe(200);
    expect((await as(bob, `/v2/tasks/${id}/retry`, {})).status).toBe(403);
    expect((await as(ada, `/v2/tasks/${id}/retry`, {})).status).toBe(201);
    expect((await as(ada, `/v2/tasks/${id}/cancel`, {})).status).toBe(200);
    expect((await getTask(id)).status).toBe('cancelled');
  });
});
