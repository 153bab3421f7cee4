import { accept, component, fakeGithub, settle, type FakeGithub, type FakeGithubOptions } from './github-support';

/**
 * An organisation on the stand-in, as most GitHub tests start from: teams nested two deep,
 * three members, a repository with a root catalog file, a monorepo whose services match the
 * `services/*\/catalog-info.yaml` glob (and a file that matches no glob), a repository without
 * a catalog, and the App installed on all of it.
 */
export function acmeWorld(options: FakeGithubOptions = {}) {
  const fake = fakeGithub(options);
  const { github } = fake;
  const acme = github.addOrg('acme', [], { name: 'Acme Corp', description: 'Makes everything' });
  github.addMember(acme, 'ada', { name: 'Ada Lovelace', email: 'ada@acme.test' });
  github.addMember(acme, 'bob', { name: 'Bob' });
  github.addMember(acme, 'cy');
  github.addTeam(acme, 'engineering', { name: 'Engineering' });
  github.addTeam(acme, 'platform', { name: 'Platform', parent: 'engineering', members: ['ada'] });
  github.addTeam(acme, 'payments', { name: 'Payments', parent: 'engineering', members: ['bob'] });
  const svc = github.addRepo(acme.account, 'svc', { 'catalog-info.yaml': component('svc'), 'README.md': '# svc' });
  const mono = github.addRepo(acme.account, 'mono', {
    'services/a/catalog-info.yaml': component('mono-a'),
    'services/b/catalog-info.yaml': component('mono-b'),
    'docs/catalog-info.yaml': component('not-matched'),
  });
  const plain = github.addRepo(acme.account, 'no-catalog', { 'README.md': 'nothing to see' });
  const inst = github.install(acme.account);
  return { ...fake, acme, svc, mono, plain, inst };
}

export type AcmeWorld = ReturnType<typeof acmeWorld> & FakeGithub;

/** The acme world, installed (the App's `installation.created` delivered and processed). */
export async function installedAcme(): Promise<AcmeWorld> {
  const world = acmeWorld();
  await accept('installation', world.hooks.installation('created', world.inst));
  await settle();
  return world;
}
