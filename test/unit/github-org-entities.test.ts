import { describe, expect, it } from 'vitest';
import { validateEntity } from '../../worker/catalog/model/validate';
import { orgEntities, type GithubOrg } from '../../worker/github/org-entities';

const org: GithubOrg = {
  login: 'acme',
  name: 'Acme Corp',
  teams: [
    { slug: 'engineering', name: 'Engineering' },
    { slug: 'platform', name: 'Platform', parent: { slug: 'engineering' }, description: 'Paved roads' },
    { slug: 'sre', name: 'SRE', parent: { slug: 'platform' } },
    { slug: 'orphaned', name: 'Orphaned', parent: { slug: 'secret-team' } },
  ],
  // As GitHub lists them: a team's members include its child teams'.
  teamMembers: new Map([
    ['engineering', ['ada', 'bob', 'eve']],
    ['platform', ['ada', 'bob']],
    ['sre', ['ada']],
    ['orphaned', []],
  ]),
  members: [{ login: 'ada', name: 'Ada', email: 'ada@acme.test', avatar_url: 'https://a/ada.png' }, { login: 'bob' }, { login: 'eve' }, { login: 'zed' }],
};

const byName = (entities: Record<string, unknown>[]) =>
  new Map(entities.map((e) => [(e as { metadata: { name: string } }).metadata.name, e as { kind: string; spec: Record<string, unknown>; metadata: Record<string, unknown> }]));

describe('an organisation as Group and User entities', () => {
  it('mirrors team nesting, with top-level teams (and teams whose parent is hidden) under the organisation', () => {
    const e = byName(orgEntities(org));
    expect(e.get('acme')?.spec).toEqual({ type: 'organization', profile: { displayName: 'Acme Corp' }, children: ['engineering', 'orphaned'] });
    expect(e.get('engineering')?.spec).toMatchObject({ parent: 'acme', children: ['platform'] });
    expect(e.get('platform')?.spec).toMatchObject({ parent: 'engineering', children: ['sre'] });
    expect(e.get('platform')?.metadata).toMatchObject({ title: 'Platform', description: 'Paved roads', annotations: { 'github.com/team-slug': 'acme/platform' } });
    expect(e.get('orphaned')?.spec).toMatchObject({ parent: 'acme' });
  });

  it('makes each member a member of the deepest teams it is listed in, or of the organisation', () => {
    const e = byName(orgEntities(org));
    expect(e.get('ada')?.spec).toEqual({ profile: { displayName: 'Ada', email: 'ada@acme.test', picture: 'https://a/ada.png' }, memberOf: ['sre'] });
    expect(e.get('bob')?.spec.memberOf).toEqual(['platform']);
    expect(e.get('eve')?.spec.memberOf).toEqual(['engineering']);
    expect(e.get('zed')?.spec).toEqual({ profile: { displayName: 'zed' }, memberOf: ['acme'] });
    expect(e.get('zed')?.metadata.annotations).toEqual({ 'github.com/user-login': 'zed' });
  });

  it('produces entities the catalog accepts', () => {
    for (const entity of orgEntities(org)) expect(validateEntity(entity)).toMatchObject({ ok: true });
  });
});
