// A Backstage-format template read from GitHub (through the App, against the stand-in) that
// creates a repository, registers it, dispatches CI and opens pull requests; publish:github is
// safe to repeat.
import { env, introspectWorkflow, SELF } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { enableGitWrites, type GitState } from '../../scripts/lib/github-standin-git';
import { fakeGithub, type FakeGithub } from './github-support';
import { addTemplate, api, clearScaffolder, events, submit, waitFor } from './scaffolder-support';

vi.setConfig({ testTimeout: 60_000 });

const HOST = env.GITHUB_HOST;

const template = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'acme-service', title: 'Acme service' },
  spec: {
    owner: 'group:default/platform',
    type: 'service',
    parameters: [
      { title: 'Service', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z-]+$' }, owner: { type: 'string', default: 'group:default/platform' } } },
      { title: 'Repository', required: ['repoUrl'], properties: { repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker' } } },
    ],
    steps: [
      { id: 'fetch', name: 'Fetch', action: 'fetch:template', input: { url: './skeleton', values: { name: '${{ parameters.name }}', owner: '${{ parameters.owner }}' } } },
      {
        id: 'publish',
        name: 'Publish',
        action: 'publish:github',
        input: { repoUrl: '${{ parameters.repoUrl }}', description: 'The ${{ parameters.name }} service', topics: ['acme', 'Service'], repoVisibility: 'internal' },
      },
      { id: 'register', name: 'Register', action: 'catalog:register', input: { repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}', catalogInfoPath: '/catalog-info.yaml' } },
      { id: 'ci', name: 'CI', action: 'github:actions:dispatch', input: { repoUrl: '${{ parameters.repoUrl }}', workflowId: 'ci.yml', branchOrTagName: 'main' } },
    ],
    output: {
      links: [
        { title: 'Repository', url: '${{ steps.publish.output.remoteUrl }}' },
        { title: 'Open in catalog', icon: 'catalog', entityRef: '${{ steps.register.output.entityRef }}' },
      ],
    },
  },
};

const skeleton = {
  'skeleton/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: ${{ values.owner }}\n',
  'skeleton/README.md': '# ${{ values.name }}\n{% if values.owner %}Owned by ${{ values.owner }}.{% endif %}\n',
  'skeleton/src/${{ values.name }}.ts': 'export const name = "${{ values.name }}";\n',
  'skeleton/.github/workflows/ci.yml': 'on: [push, workflow_dispatch]\n',
};

let fake: FakeGithub;
let git: GitState;
// The Worker caches which installation reads a repository, per isolate: each test has its own organisation.
let org = 'acme';
let serial = 0;

beforeEach(async () => {
  await clearScaffolder();
  org = `acme${++serial}`;
  fake = fakeGithub();
  await world();
});

/** The organisation with its templates repository and a repository someone else made; the template registered. */
async function world(): Promise<void> {
  git = enableGitWrites(fake.github);
  const acme = fake.github.addOrg(org, ['ada']);
  fake.github.addRepo(acme.account, 'templates', { 'template.yaml': stringify(template), ...skeleton });
  fake.github.addRepo(acme.account, 'taken', { 'README.md': 'someone else' });
  fake.github.install(acme.account);
  const res = await SELF.fetch('http://localhost/api/catalog/locations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'url', target: `https://${HOST}/${org}/templates/blob/main/template.yaml` }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}
afterEach(() => vi.unstubAllGlobals());

const repoUrl = (repo: string) => `${HOST}?owner=${org}&repo=${repo}`;

describe('publish:github', () => {
  it('creates the repository, pushes one commit, registers it and starts CI', async () => {
    const id = await submit('template:default/acme-service', { name: 'payments', repoUrl: repoUrl('payments') });
    const task = await waitFor(id);
    expect(task.status, JSON.stringify(await events(id))).toBe('completed');

    const repo = fake.github.repoByName(org, 'payments')!;
    expect(git.created).toEqual([`${org}/payments`]);
    expect(repo.private).toBe(true);
    expect(git.topics.get(repo.id)).toEqual(['acme', 'service']);
    expect(git.descriptions.get(repo.id)).toBe('The payments service');
    // GitHub's auto-initialised README is replaced: the branch holds exactly the rendered skeleton.
    expect(Object.fromEntries(fake.github.files(repo, 'main'))).toEqual({
      'catalog-info.yaml': expect.stringContaining('name: payments'),
      'README.md': '# payments\nOwned by group:default/platform.\n',
      'src/payments.ts': 'export const name = "payments";\n',
      '.github/workflows/ci.yml': 'on: [push, workflow_dispatch]\n',
    });
    expect(git.dispatches).toEqual([{ repo: `${org}/payments`, workflow: 'ci.yml', ref: 'main', inputs: {} }]);

    expect(task.output?.links).toEqual([
      { title: 'Repository', url: `https://${HOST}/${org}/payments` },
      { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/payments' },
    ]);
    const entity = await SELF.fetch('http://localhost/api/catalog/entities/by-name/component/default/payments');
    expect(entity.status).toBe(200);
    expect(fake.elsewhere).toEqual([]);
  });

  it('is safe to repeat: a retried step reuses the repository this task created', async () => {
    let commitFailures = 0;
    vi.unstubAllGlobals();
    await clearScaffolder();
    org = `acme${++serial}`;
    fake = fakeGithub({
      fault: (req) => {
        // The first attempt dies after creating the repository: every commit call fails until the step is retried.
        if (req.method === 'POST' && req.url.endsWith(`/repos/${org}/payments/git/commits`) && commitFailures < 3) {
          commitFailures++;
          return new Response(JSON.stringify({ message: 'Server Error' }), { status: 502 });
        }
        return undefined;
      },
    });
    await world();
    await using introspector = await introspectWorkflow(env.SCAFFOLD);
    await introspector.modifyAll(async (m) => m.disableRetryDelays());

    const id = await submit('template:default/acme-service', { name: 'payments', repoUrl: repoUrl('payments') });
    const task = await waitFor(id);
    expect(task.status, JSON.stringify(await events(id))).toBe('completed');
    expect(commitFailures).toBe(3);
    expect(git.created).toEqual([`${org}/payments`]);
    const log = (await events(id)).filter((e) => e.body.stepId === 'publish').map((e) => e.body.message);
    expect(log.some((m) => m.startsWith('Attempt 1 failed:'))).toBe(true);
    expect(log).toContain(`Reusing ${org}/payments, which this task created on an earlier attempt`);
    expect([...fake.github.repos.values()].filter((r) => r.name === 'payments')).toHaveLength(1);
  });

  it('refuses a repository that exists and is not this task’s', async () => {
    const id = await submit('template:default/acme-service', { name: 'taken', repoUrl: repoUrl('taken') });
    const task = await waitFor(id);
    expect(task.status).toBe('failed');
    expect(task.error?.message).toBe(`Step "Publish" failed: Repository ${org}/taken already exists; choose another name`);
    expect(Object.fromEntries(fake.github.files(fake.github.repoByName(org, 'taken')!))).toEqual({ 'README.md': 'someone else' });
    expect(git.created).toEqual([]);
  });

  it('refuses a repository on another host', async () => {
    const id = await submit('template:default/acme-service', { name: 'elsewhere', repoUrl: `gitlab.example?owner=${org}&repo=elsewhere` });
    const task = await waitFor(id);
    expect(task.error?.message).toBe(`Step "Publish" failed: Repository host gitlab.example is not the configured GitHub host ${HOST}`);
  });
});

describe('publish:github:pull-request', () => {
  it('opens a pull request with the workspace, and a repeat updates the same one', async () => {
    const prTemplate = {
      ...template,
      metadata: { name: 'acme-docs-pr' },
      spec: {
        ...template.spec,
        parameters: { properties: { text: { type: 'string' } } },
        steps: [
          { id: 'write', action: 'fetch:template:file', input: { url: './skeleton/README.md', targetPath: 'docs/${{ parameters.text }}.md', values: { name: '${{ parameters.text }}' } } },
          { id: 'pr', action: 'publish:github:pull-request', input: { repoUrl: repoUrl('taken'), branchName: 'add-docs', title: 'Add docs', description: 'From the portal' } },
        ],
        output: { links: [{ title: 'Pull request', url: '${{ steps.pr.output.remoteUrl }}' }] },
      },
    };
    const repo = fake.github.repoByName(org, 'templates')!;
    fake.github.files(repo).set('pr/template.yaml', stringify(prTemplate));
    for (const [p, c] of Object.entries(skeleton)) fake.github.files(repo).set(`pr/${p}`, c);
    const res = await SELF.fetch('http://localhost/api/catalog/locations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url', target: `https://${HOST}/${org}/templates/blob/main/pr/template.yaml` }),
    });
    expect(res.status).toBe(201);

    const first = await waitFor(await submit('template:default/acme-docs-pr', { text: 'intro' }));
    expect(first.status, JSON.stringify(first.error)).toBe('completed');
    const taken = fake.github.repoByName(org, 'taken')!;
    expect(Object.fromEntries(fake.github.files(taken, 'add-docs'))).toEqual({ 'README.md': 'someone else', 'docs/intro.md': '# intro\n\n' });
    expect(Object.fromEntries(fake.github.files(taken, 'main'))).toEqual({ 'README.md': 'someone else' });
    expect(first.output?.links).toEqual([{ title: 'Pull request', url: `https://${HOST}/${org}/taken/pull/1` }]);

    const second = await waitFor(await submit('template:default/acme-docs-pr', { text: 'intro' }));
    expect(second.status).toBe('completed');
    expect(git.pulls.get(taken.id)).toHaveLength(1);
    expect(second.output?.links).toEqual(first.output?.links);
  });
});

describe('a template folder on GitHub', () => {
  it('fails the step at once when GitHub refuses the read (a branch that does not exist)', async () => {
    const ref = await addTemplate('missing-branch', {
      steps: [{ id: 'fetch', name: 'Fetch', action: 'fetch:plain', input: { url: `https://${HOST}/${org}/templates/tree/no-such-branch/skeleton` } }],
    });
    await using introspector = await introspectWorkflow(env.SCAFFOLD);
    await introspector.modifyAll(async (m) => m.disableRetryDelays());
    const id = await submit(ref, {});
    const task = await waitFor(id);
    expect(task.status).toBe('failed');
    expect(task.error?.message).toMatch(/^Step "Fetch" failed: .*HTTP 404/);
    // A refusal is not retried: one attempt, not four.
    const attempts = (await events(id)).filter((e) => e.body.stepId === 'fetch' && /^Attempt \d failed/.test(e.body.message));
    expect(attempts).toHaveLength(1);
  });
});

describe('the template gallery', () => {
  it('lists catalog and built-in templates, and gives each one’s form', async () => {
    const res = await api('/v2/templates');
    const body = (await res.json()) as { items: { entityRef: string; builtin: boolean; tags: string[] }[]; githubHost: string };
    expect(body.githubHost).toBe(HOST);
    expect(body.items.map((t) => [t.entityRef, t.builtin])).toEqual([
      ['template:default/acme-service', false],
      ['template:default/docs-site', true],
      ['template:default/hono-worker-service', true],
      ['template:default/typescript-library', true],
    ]);
    const tagged = (await (await api('/v2/templates?tag=hono')).json()) as { items: { entityRef: string }[] };
    expect(tagged.items.map((t) => t.entityRef)).toEqual(['template:default/hono-worker-service']);
    const searched = (await (await api('/v2/templates?q=acme%20service')).json()) as { items: { entityRef: string }[] };
    expect(searched.items.map((t) => t.entityRef)).toEqual(['template:default/acme-service']);

    const schema = await (await api('/v2/templates/default/template/acme-service/parameter-schema')).json();
    expect(schema).toEqual({
      title: 'Acme service',
      steps: [
        { title: 'Service', schema: { required: ['name'], properties: template.spec.parameters[0]!.properties } },
        { title: 'Repository', schema: { required: ['repoUrl'], properties: { repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker' } } } },
      ],
    });
    expect((await api('/v2/templates/default/template/nope/parameter-schema')).status).toBe(404);
  });
});
