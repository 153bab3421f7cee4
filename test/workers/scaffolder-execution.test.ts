// Backstage-format templates through the Queue and the Workflow: retries, permanent failures,
// cancellation, retry of a failed task, secrets and hostile expressions.
import { env, introspectWorkflow } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addTemplate, api, clearScaffolder, events, getTask, storedText, submit, waitFor } from './scaffolder-support';
import { serveFiles } from './support';

// Tasks run through the real queue and workflow engine on a shared, busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeEach(clearScaffolder);
afterEach(() => vi.unstubAllGlobals());

const logs = async (id: string, stepId: string) => (await events(id)).filter((e) => e.body.stepId === stepId && !e.body.status).map((e) => e.body.message);

describe('retries', () => {
  it('a step failing twice and then succeeding completes the task, its work done once', async () => {
    const ref = await addTemplate('flaky', {
      steps: [
        { id: 'greet', name: 'Greet', action: 'debug:log', input: { message: 'hello ${{ parameters.who }}' } },
        { id: 'write', name: 'Write', action: 'catalog:write', input: { entity: { kind: 'Component', metadata: { name: '${{ parameters.who }}' } } } },
      ],
    });
    await using introspector = await introspectWorkflow(env.SCAFFOLD);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: '1. greet' }, new Error('connection reset'), 2);
    });
    const id = await submit(ref, { who: 'world' });
    const task = await waitFor(id);
    expect(task.status).toBe('completed');
    expect(task.steps.map((s) => s.status)).toEqual(['completed', 'completed']);
    expect(await logs(id, 'greet')).toEqual(['hello world']);
    const [instance] = await introspector.get();
    await instance!.waitForStatus('complete');
  });

  it('a step whose result the engine already holds is not run again, and later steps see that result', async () => {
    // What resuming after a crash or redeploy looks like to the workflow: completed steps replay from the engine's record.
    const ref = await addTemplate('resume', {
      steps: [
        { id: 'first', action: 'debug:log', input: { message: 'first ran' } },
        { id: 'second', action: 'debug:log', input: { message: 'second sees ${{ steps.first.output.mark }}' } },
      ],
    });
    await using introspector = await introspectWorkflow(env.SCAFFOLD);
    await introspector.modifyAll(async (m) => m.mockStepResult({ name: '1. first' }, { output: { mark: 'the recorded output' } }));
    const id = await submit(ref, {});
    expect((await waitFor(id)).status).toBe('completed');
    expect(await logs(id, 'first')).toEqual([]);
    expect(await logs(id, 'second')).toEqual(['second sees the recorded output']);
  });

  it('a step that keeps failing uses its retries, then fails the task with a readable error', async () => {
    serveFiles({});
    vi.stubGlobal('fetch', async () => new Response('busy', { status: 503 }));
    const ref = await addTemplate('unreachable', {
      steps: [
        { id: 'register', name: 'Register', action: 'catalog:register', input: { catalogInfoUrl: 'https://raw.githubusercontent.com/acme/x/main/catalog-info.yaml' } },
        { id: 'after', name: 'After', action: 'debug:log', input: { message: 'never' } },
      ],
    });
    await using introspector = await introspectWorkflow(env.SCAFFOLD);
    await introspector.modifyAll(async (m) => m.disableRetryDelays());
    const id = await submit(ref, {});
    const task = await waitFor(id);
    expect(task.status).toBe('failed');
    expect(task.error?.message).toMatch(/^Step "Register" failed: .*HTTP 503/);
    // The first attempt and three retries, each logged.
    expect((await logs(id, 'register')).filter((m) => /^Attempt \d failed/.test(m))).toHaveLength(4);
    expect(task.steps.map((s) => s.status)).toEqual(['failed', 'open']);
    const last = (await events(id)).at(-1)!;
    expect(last).toMatchObject({ type: 'completion', body: { status: 'failed', error: { message: task.error!.message } } });
  });

  it('a failure retrying cannot fix fails at once', async () => {
    const ref = await addTemplate('permanent', {
      steps: [
        { id: 'rename', name: 'Rename', action: 'fs:rename', input: { files: [{ from: 'missing.txt', to: 'other.txt' }] } },
        { id: 'after', name: 'After', action: 'debug:log', input: { message: 'never' } },
      ],
    });
    const id = await submit(ref, {});
    const task = await waitFor(id);
    expect(task.status).toBe('failed');
    expect(task.error?.message).toBe('Step "Rename" failed: fs:rename: "missing.txt" is not in the workspace');
    expect(await logs(id, 'rename')).toEqual(['Attempt 1 failed: fs:rename: "missing.txt" is not in the workspace']);
    expect(await logs(id, 'after')).toEqual([]);
  });

  it('an action that does not exist, or input its schema refuses, fails the task readably', async () => {
    const unknown = await addTemplate('unknown-action', { steps: [{ id: 'x', action: 'does:not-exist' }] });
    const badInput = await addTemplate('bad-input', { steps: [{ id: 'y', action: 'fs:delete', input: { files: 'not-a-list' } }] });
    const [a, b] = await Promise.all([submit(unknown, {}), submit(badInput, {})]);
    expect((await waitFor(a)).error?.message).toBe('Step "does:not-exist" failed: Template action "does:not-exist" does not exist');
    expect((await waitFor(b)).error?.message).toMatch(/^Step "fs:delete" failed: Invalid input for fs:delete in step "y": files: /);
  });

  it('a failed task can be retried as a new run', async () => {
    const ref = await addTemplate('retryable', {
      parameters: { properties: { name: { type: 'string' } } },
      steps: [
        { id: 'write', action: 'catalog:write', input: { filePath: 'a.yaml', entity: { name: '${{ parameters.name }}' } } },
        { id: 'rename', action: 'fs:rename', input: { files: [{ from: 'a.yaml', to: 'b.yaml' }] } },
        { id: 'gone', action: 'fs:rename', input: { files: [{ from: 'a.yaml', to: 'c.yaml' }] } },
      ],
    });
    const id = await submit(ref, { name: 'x' });
    expect((await waitFor(id)).status).toBe('failed');
    const res = await api(`/v2/tasks/${id}/retry`, { method: 'POST' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id });
    // Run 2 starts from a clean workspace and fails the same way: the failure is in the template.
    const again = await waitFor(id, ['failed'], 30_000);
    expect(again.status).toBe('failed');
    const all = await events(id);
    expect(all.filter((e) => e.type === 'recovered')).toHaveLength(1);
    expect(all.filter((e) => e.type === 'completion')).toHaveLength(2);
    expect((await (await env.SCAFFOLD.get(`${id}-run-2`)).status()).status).toBe('complete');
    // Only ended, unsuccessful tasks are retried.
    const ok = await addTemplate('fine', { steps: [{ id: 'l', action: 'debug:log', input: { message: 'ok' } }] });
    const done = await submit(ok, {});
    await waitFor(done);
    expect((await api(`/v2/tasks/${done}/retry`, { method: 'POST' })).status).toBe(409);
  });
});

describe('cancel', () => {
  it('cancelling mid-run stops the task before its next step', async () => {
    const ref = await addTemplate('slow', {
      steps: [
        { id: 'first', action: 'debug:log', input: { message: 'first' } },
        { id: 'wait', action: 'debug:wait', input: { seconds: 20 } },
        { id: 'last', action: 'debug:log', input: { message: 'last' } },
      ],
    });
    const id = await submit(ref, {});
    await waitFor(id, ['processing']);
    for (let i = 0; i < 100 && !(await events(id)).some((e) => e.body.stepId === 'wait' && e.body.status === 'processing'); i++) await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const res = await api(`/v2/tasks/${id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'cancelled' });
    const task = await getTask(id);
    expect(task.status).toBe('cancelled');
    expect(task.steps.map((s) => s.status)).toEqual(['completed', 'cancelled', 'cancelled']);
    const all = await events(id);
    expect(all.map((e) => e.type).slice(-2)).toEqual(['cancelled', 'completion']);
    expect(all.at(-1)!.body.status).toBe('cancelled');
    // Nothing more happens: the last step never runs, long before the wait would have ended.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await logs(id, 'last')).toEqual([]);
    expect((await getTask(id)).status).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await api(`/v2/tasks/${id}/cancel`, { method: 'POST' })).status).toBe(409);
  });
});

describe('secrets', () => {
  it('never appear in logs, events, responses or stored rows, yet the steps can use them', async () => {
    const SECRET = 's3cr3t-t0ken-value';
    const PASSWORD = 'hunter2-password';
    const ref = await addTemplate('secretive', {
      parameters: {
        required: ['name', 'password'],
        properties: { name: { type: 'string' }, password: { type: 'string', 'ui:widget': 'password' } },
      },
      steps: [
        { id: 'log', action: 'debug:log', input: { message: 'token=${{ secrets.token }} password=${{ parameters.password }}', extra: { t: '${{ secrets.token }}' } } },
        { id: 'write', action: 'catalog:write', input: { filePath: 'conf.yaml', entity: { token: '${{ secrets.token }}' } } },
        { id: 'check', action: 'debug:log', input: { listWorkspace: 'with-contents' } },
        { id: 'fail', action: 'fs:rename', input: { files: [{ from: '${{ secrets.token }}.txt', to: 'x' }] } },
      ],
      output: { text: [{ title: 'Token', content: 'your token is ${{ secrets.token }}' }] },
    });
    const id = await submit(ref, { name: 'svc', password: PASSWORD }, { token: SECRET });
    const task = await waitFor(id);
    expect(task.status).toBe('failed');
    const log = await logs(id, 'log');
    expect(log).toEqual(['token=*** password=***', '{"t":"***"}']);
    // The workspace file held the real value (the step had it), shown redacted.
    expect((await logs(id, 'check'))[0]).toContain('token: ***');
    expect(task.error?.message).toContain('"***.txt" is not in the workspace');
    const everything = [await storedText(), JSON.stringify(await getTask(id)), JSON.stringify(await events(id)), await (await api('/v2/tasks')).text()].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(PASSWORD);
    const { results } = await env.DB.prepare('SELECT secrets, spec FROM scaffolder_tasks WHERE id = ?').bind(id).all<{ secrets: string | null; spec: string }>();
    expect(results[0]!.secrets).toBeNull();
    expect(JSON.parse(results[0]!.spec).parameters).toEqual({ name: 'svc' });
  });

  it('are sealed while the task runs, and readable only by it', async () => {
    const ref = await addTemplate('sealed', {
      steps: [
        { id: 'wait', action: 'debug:wait', input: { seconds: 20 } },
        { id: 'log', action: 'debug:log', input: { message: '${{ secrets.token }}' } },
      ],
    });
    const id = await submit(ref, {}, { token: 'plain-token-value' });
    await waitFor(id, ['processing']);
    const row = await env.DB.prepare('SELECT secrets FROM scaffolder_tasks WHERE id = ?').bind(id).first<{ secrets: string }>();
    expect(row!.secrets).toMatch(/^[\w+/=]+\.[\w+/=]+$/);
    expect(row!.secrets).not.toContain('plain-token-value');
    expect((await api(`/v2/tasks/${id}/cancel`, { method: 'POST' })).status).toBe(200);
    expect((await env.DB.prepare('SELECT secrets FROM scaffolder_tasks WHERE id = ?').bind(id).first<{ secrets: string | null }>())!.secrets).toBeNull();
  });

  it('a completed task drops its secrets and redacts them from its output', async () => {
    const ref = await addTemplate('secret-output', {
      steps: [{ id: 'log', action: 'debug:log', input: { message: 'ok' } }],
      output: { text: [{ title: 'Token', content: 'your token is ${{ secrets.token }}' }] },
    });
    const id = await submit(ref, {}, { token: 'abcdef123456' });
    const task = await waitFor(id);
    expect(task.status).toBe('completed');
    expect(task.output).toEqual({ text: [{ title: 'Token', content: 'your token is ***' }] });
    expect(await storedText()).not.toContain('abcdef123456');
  });
});

describe('hostile expressions', () => {
  it('cannot reach globals', async () => {
    const ref = await addTemplate('globals', {
      steps: [{ id: 'escape', action: 'debug:log', input: { message: '${{ parameters.constructor.constructor("return process")() }}' } }],
    });
    const task = await waitFor(await submit(ref, {}));
    expect(task.status).toBe('failed');
    expect(task.error?.message).toMatch(/"constructor" is reserved/);
  });

  it('cannot loop forever: the render is stopped and the task fails at once', async () => {
    const ref = await addTemplate('forever', {
      steps: [{ id: 'spin', action: 'debug:log', input: { message: '{% for i in range(0, 1000000000) %}{% for j in range(0, 1000000000) %}x{% endfor %}{% endfor %}' } }],
    });
    const started = Date.now();
    const id = await submit(ref, {});
    const task = await waitFor(id);
    expect(task.status).toBe('failed');
    expect(task.error?.message).toMatch(/exceeded its \w+ limit/);
    expect(await logs(id, 'spin')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
