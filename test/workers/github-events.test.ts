import { SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { accept, catalogState, clearAll, component, refs, settle, status } from './github-support';
import { acmeWorld, installedAcme } from './github-world';

interface ApiEntity {
  metadata: { name: string; title?: string; description?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

async function entity(ref: string): Promise<ApiEntity | undefined> {
  const [kind, rest] = ref.split(':') as [string, string];
  const [namespace, name] = rest.split('/') as [string, string];
  const res = await SELF.fetch(`http://localhost/api/catalog/entities/by-name/${kind}/${namespace}/${name}`);
  return res.status === 200 ? ((await res.json()) as ApiEntity) : undefined;
}

async function locationTargets(): Promise<string[]> {
  const res = await SELF.fetch('http://localhost/api/catalog/locations');
  return ((await res.json()) as { data: { target: string } }[]).map((l) => l.data.target).sort();
}

const ALL_COMPONENTS = ['component:default/mono-a', 'component:default/mono-b', 'component:default/svc'];

describe('GitHub events change the catalog', () => {
  beforeEach(clearAll);

  it('installation.created discovers every repository by the catalog globs, and the organisation', async () => {
    const world = acmeWorld();
    await accept('installation', world.hooks.installation('created', world.inst));
    const done = await settle();
    expect(await refs('component')).toEqual(ALL_COMPONENTS);
    expect(await locationTargets()).toEqual([
      'https://ghe.test/acme/mono/blob/main/services/a/catalog-info.yaml',
      'https://ghe.test/acme/mono/blob/main/services/b/catalog-info.yaml',
      'https://ghe.test/acme/svc/blob/main/catalog-info.yaml',
    ]);
    const svc = await entity('component:default/svc');
    expect(svc?.metadata.annotations).toMatchObject({
      'backstage.io/view-url': 'https://ghe.test/acme/svc/blob/main/catalog-info.yaml',
      'backstage.io/edit-url': 'https://ghe.test/acme/svc/edit/main/catalog-info.yaml',
      'backstage.io/source-location': 'url:https://ghe.test/acme/svc/tree/main/',
      'backstage.io/managed-by-location': 'url:https://ghe.test/acme/svc/blob/main/catalog-info.yaml',
    });
    // The discovery run is visible with its progress, and finished.
    const run = done.runs[0]!;
    expect(run).toMatchObject({ finished: true, installations: { expected: 1, done: 1 }, repositories: { total: 3, done: 3, failed: 0 } });
    expect((await status()).deliveries).toEqual({ received: 1, pending: 0 });
    // Teams become Groups with the nesting of GitHub's teams, members Users with their profile.
    expect(await refs('group')).toEqual(['group:default/acme', 'group:default/engineering', 'group:default/payments', 'group:default/platform']);
    expect(await refs('user')).toEqual(['user:default/ada', 'user:default/bob', 'user:default/cy']);
    expect((await entity('group:default/engineering'))?.spec).toMatchObject({ type: 'team', parent: 'acme', children: ['payments', 'platform'] });
    expect((await entity('group:default/platform'))?.spec).toMatchObject({ parent: 'engineering', children: [] });
    const ada = await entity('user:default/ada');
    expect(ada?.metadata.annotations?.['github.com/user-login']).toBe('ada');
    expect(ada?.spec).toMatchObject({ profile: { displayName: 'Ada Lovelace', email: 'ada@acme.test' }, memberOf: ['platform'] });
    expect((await entity('user:default/cy'))?.spec?.memberOf).toEqual(['acme']);
    expect(world.elsewhere).toEqual([]);
  });

  it('push on the default branch: files added, modified and removed, read from the branch as it is now', async () => {
    const { github, hooks, mono, svc } = await installedAcme();
    github.files(svc).set('catalog-info.yaml', component('svc', { lifecycle: 'deprecated' }));
    await accept('push', hooks.push(svc));
    const files = github.files(mono);
    files.delete('services/b/catalog-info.yaml');
    files.set('services/c/catalog-info.yaml', component('mono-c'));
    files.set('services/a/catalog-info.yaml', component('mono-a', { type: 'website' }));
    // Truncated commit list: the payload lists none of the changed files.
    await accept('push', hooks.push(mono, { commits: 0 }));
    await settle();
    expect((await entity('component:default/svc'))?.spec?.lifecycle).toBe('deprecated');
    expect(await refs('component')).toEqual(['component:default/mono-a', 'component:default/mono-c', 'component:default/svc']);
    expect((await entity('component:default/mono-a'))?.spec?.type).toBe('website');
    // The removed file's location went with its entity (not left as an orphan).
    expect(await locationTargets()).not.toContain('https://ghe.test/acme/mono/blob/main/services/b/catalog-info.yaml');
  });

  it('a forced push that rewrites history lands on the branch as it is after the push', async () => {
    const { github, hooks, svc } = await installedAcme();
    github.files(svc).clear();
    github.files(svc).set('catalog-info.yaml', component('svc-rewritten'));
    await accept('push', hooks.push(svc, { before: 'a'.repeat(40), forced: true, commits: 25 }));
    await settle();
    expect(await refs('component')).toContain('component:default/svc-rewritten');
    // Gone from a file that is still there: an orphan, as CATALOG_ORPHAN_STRATEGY=keep says.
    expect((await entity('component:default/svc'))?.metadata.annotations?.['backstage.io/orphan']).toBe('true');
  });

  it('pushes to other branches and tags, and pings, change nothing and cost no GitHub call', async () => {
    const { github, hooks, svc } = await installedAcme();
    const before = await catalogState();
    const calls = github.calls.length;
    github.files(svc, 'feature').set('catalog-info.yaml', component('feature-only'));
    await accept('push', hooks.push(svc, { branch: 'feature' }));
    await accept('push', { ...hooks.push(svc), ref: 'refs/tags/v1.0.0' });
    await accept('ping', hooks.ping());
    await settle();
    expect(await catalogState()).toEqual(before);
    expect(github.calls.length).toBe(calls);
  });

  it('repository created, deleted, archived and unarchived', async () => {
    const { github, hooks, acme } = await installedAcme();
    const fresh = github.addRepo(acme.account, 'fresh', { 'catalog-info.yaml': component('fresh') });
    await accept('repository', hooks.repository('created', fresh));
    await settle();
    expect(await refs('component')).toContain('component:default/fresh');

    fresh.archived = true;
    await accept('repository', hooks.repository('archived', fresh));
    await settle();
    expect(await refs('component')).not.toContain('component:default/fresh');

    fresh.archived = false;
    await accept('repository', hooks.repository('unarchived', fresh));
    await settle();
    expect(await refs('component')).toContain('component:default/fresh');

    const payload = hooks.repository('deleted', fresh);
    github.repos.delete(fresh.id);
    await accept('repository', payload);
    await settle();
    expect(await refs('component')).toEqual(ALL_COMPONENTS);
    expect(await locationTargets()).not.toContain('https://ghe.test/acme/fresh/blob/main/catalog-info.yaml');
  });

  it('repository renamed: the entity moves to the new URL and the old location is gone', async () => {
    const { hooks, svc } = await installedAcme();
    svc.name = 'service';
    await accept('repository', hooks.repository('renamed', svc, { repository: { name: { from: 'svc' } } }));
    await settle();
    expect((await entity('component:default/svc'))?.metadata.annotations?.['backstage.io/view-url']).toBe('https://ghe.test/acme/service/blob/main/catalog-info.yaml');
    const targets = await locationTargets();
    expect(targets).toContain('https://ghe.test/acme/service/blob/main/catalog-info.yaml');
    expect(targets).not.toContain('https://ghe.test/acme/svc/blob/main/catalog-info.yaml');
  });

  it('repository transferred: to an organisation with the App it moves, to one without it leaves', async () => {
    const { github, hooks, svc, mono } = await installedAcme();
    const globex = github.addOrg('globex');
    const globexInstall = github.install(globex.account);
    svc.owner = globex.account;
    await accept('repository', hooks.repository('transferred', svc, { owner: { from: { organization: { login: 'acme' } } } }, globexInstall));
    const elsewhere = github.addOrg('initech');
    mono.owner = elsewhere.account;
    // GitHub tells the installation that lost the repository; the repository now answers 404 to it.
    await accept('repository', hooks.repository('transferred', mono, { owner: { from: { organization: { login: 'acme' } } } }, [...github.installations.values()][0]));
    await settle();
    expect((await entity('component:default/svc'))?.metadata.annotations?.['backstage.io/view-url']).toBe('https://ghe.test/globex/svc/blob/main/catalog-info.yaml');
    expect(await refs('component')).toEqual(['component:default/svc']);
  });

  it('repository edited (default branch changed) reads the new default branch', async () => {
    const { github, hooks, svc } = await installedAcme();
    github.files(svc, 'trunk').set('catalog-info.yaml', component('svc', { lifecycle: 'experimental' }));
    svc.defaultBranch = 'trunk';
    await accept('repository', hooks.repository('edited', svc, { default_branch: { from: 'main' } }));
    await settle();
    const svcEntity = await entity('component:default/svc');
    expect(svcEntity?.spec?.lifecycle).toBe('experimental');
    expect(svcEntity?.metadata.annotations?.['backstage.io/view-url']).toBe('https://ghe.test/acme/svc/blob/trunk/catalog-info.yaml');
  });

  it('repository privatized and publicized keep the catalog as it is', async () => {
    const { hooks, svc } = await installedAcme();
    const before = await catalogState();
    svc.private = true;
    await accept('repository', hooks.repository('privatized', svc));
    await settle();
    svc.private = false;
    await accept('repository', hooks.repository('publicized', svc));
    const after = await settle();
    expect(await catalogState()).toEqual(before);
    expect(after.failures).toEqual({ retrying: 0, dead: 0 });
  });

  it('installation deleted, suspended and unsuspended', async () => {
    const { github, hooks, inst } = await installedAcme();
    inst.suspended = true;
    await accept('installation', hooks.installation('suspend', inst));
    await settle();
    expect([...(await refs('component')), ...(await refs('group')), ...(await refs('user'))]).toEqual([]);

    inst.suspended = false;
    await accept('installation', hooks.installation('unsuspend', inst));
    await settle();
    expect(await refs('component')).toEqual(ALL_COMPONENTS);
    expect(await refs('user')).toEqual(['user:default/ada', 'user:default/bob', 'user:default/cy']);

    const payload = hooks.installation('deleted', inst);
    github.installations.delete(inst.id);
    await accept('installation', payload);
    await settle();
    expect([...(await refs('component')), ...(await refs('group')), ...(await refs('user'))]).toEqual([]);
    expect((await status()).repositories).toEqual({ retired: 3 });
  });

  it('installation_repositories removed retires the repository, added discovers it', async () => {
    const { github, hooks, inst, mono } = await installedAcme();
    inst.repositories = new Set([...github.repos.keys()].filter((id) => id !== mono.id));
    await accept('installation_repositories', hooks.installationRepositories('removed', inst, [mono]));
    await settle();
    expect(await refs('component')).toEqual(['component:default/svc']);
    inst.repositories.add(mono.id);
    await accept('installation_repositories', hooks.installationRepositories('added', inst, [mono]));
    await settle();
    expect(await refs('component')).toEqual(ALL_COMPONENTS);
  });

  it('organization member_added, member_removed and renamed', async () => {
    const { github, hooks, acme } = await installedAcme();
    github.addMember(acme, 'dan', { name: 'Dan' });
    await accept('organization', hooks.organization('member_added', acme, 'dan'));
    await settle();
    expect(await refs('user')).toContain('user:default/dan');

    const payload = hooks.organization('member_removed', acme, 'bob');
    acme.members.delete('bob');
    acme.teams.get('payments')!.members.delete('bob');
    await accept('organization', payload);
    await settle();
    expect(await refs('user')).toEqual(['user:default/ada', 'user:default/cy', 'user:default/dan']);

    github.orgs.delete('acme');
    acme.account.login = 'acme-inc';
    github.orgs.set('acme-inc', acme);
    await accept('organization', { ...hooks.organization('renamed', acme), changes: { login: { from: 'acme' } } });
    await settle();
    expect(await refs('group')).toEqual(['group:default/acme-inc', 'group:default/engineering', 'group:default/payments', 'group:default/platform']);
    expect(await locationTargets()).toEqual([
      'https://ghe.test/acme-inc/mono/blob/main/services/a/catalog-info.yaml',
      'https://ghe.test/acme-inc/mono/blob/main/services/b/catalog-info.yaml',
      'https://ghe.test/acme-inc/svc/blob/main/catalog-info.yaml',
    ]);
  });

  it('membership added and removed', async () => {
    const { hooks, acme } = await installedAcme();
    acme.teams.get('payments')!.members.add('cy');
    await accept('membership', hooks.membership('added', acme, 'payments', 'cy'));
    acme.teams.get('platform')!.members.delete('ada');
    await accept('membership', hooks.membership('removed', acme, 'platform', 'ada'));
    await settle();
    expect((await entity('user:default/cy'))?.spec?.memberOf).toEqual(['payments']);
    expect((await entity('user:default/ada'))?.spec?.memberOf).toEqual(['acme']);
  });

  it('team created (nested), edited and deleted', async () => {
    const { github, hooks, acme } = await installedAcme();
    github.addTeam(acme, 'sre', { name: 'SRE', parent: 'platform', members: ['ada'] });
    await accept('team', hooks.team('created', acme, 'sre'));
    await settle();
    expect((await entity('group:default/sre'))?.spec).toMatchObject({ parent: 'platform', children: [] });
    expect((await entity('group:default/platform'))?.spec?.children).toEqual(['sre']);
    // Listed in both platform (through sre) and sre: a member of the deeper team.
    expect((await entity('user:default/ada'))?.spec?.memberOf).toEqual(['sre']);

    acme.teams.get('sre')!.name = 'Site Reliability';
    await accept('team', hooks.team('edited', acme, 'sre'));
    await settle();
    expect((await entity('group:default/sre'))?.metadata.title).toBe('Site Reliability');

    const payload = hooks.team('deleted', acme, 'sre');
    acme.teams.delete('sre');
    await accept('team', payload);
    await settle();
    expect(await refs('group')).not.toContain('group:default/sre');
    expect((await entity('user:default/ada'))?.spec?.memberOf).toEqual(['platform']);
  });
});
