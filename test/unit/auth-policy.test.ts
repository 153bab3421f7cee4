import { describe, expect, it } from 'vitest';
import { matchAccess } from '../../worker/auth/access';
import { crossSiteReason } from '../../worker/auth/csrf';
import { safeReturnPath } from '../../worker/auth/return-path';
import { decide, DEFAULT_POLICY, parsePolicy, roleOf, type Subject } from '../../worker/auth/policy';

const subject = (over: Partial<Subject> = {}): Subject => ({
  userEntityRef: 'user:default/bob',
  ownershipEntityRefs: ['user:default/bob', 'group:default/payments'],
  github: { login: 'bob', orgs: ['acme'], teams: ['acme/payments'] },
  ...over,
});

const policy = parsePolicy({
  roles: { viewer: ['*'], member: ['github-org:acme', 'Group:default/Contractors'], admin: ['github-team:acme/platform', 'github-user:root'] },
});

describe('parsing the policy', () => {
  it('defaults when unset, and keeps the default rules when only roles are given', () => {
    expect(parsePolicy(undefined)).toBe(DEFAULT_POLICY);
    expect(parsePolicy('  ')).toBe(DEFAULT_POLICY);
    expect(policy.rules).toBe(DEFAULT_POLICY.rules);
    // Entity-ref grants are normalised like refs everywhere else.
    expect(policy.roles.member).toEqual(['github-org:acme', 'group:default/contractors']);
  });

  it('reads JSON strings and wrangler.toml tables alike', () => {
    const input = { rules: [{ action: 'catalog.*', role: 'member', if: { kind: ['Component'], owner: true } }] };
    expect(parsePolicy(JSON.stringify(input))).toEqual(parsePolicy(input));
    expect(parsePolicy(input).rules).toEqual([{ action: 'catalog.*', role: 'member', if: { owner: true, kind: ['component'] } }]);
  });

  it('refuses anything malformed with a message naming the place, never half-applying it', () => {
    const cases: [unknown, RegExp][] = [
      ['{not json', /not JSON/],
      [[], /must be an object/],
      [{ roles: { owner: [] } }, /unknown role owner/],
      [{ roles: { admin: ['github-team:acme'] } }, /roles\.admin.*github-team:acme/],
      [{ rules: [{ action: 'catalog.write', role: 'member' }] }, /rules\[0\]\.action "catalog\.write"/],
      [{ rules: [{ action: 'catalog.read', role: 'boss' }] }, /rules\[0\]\.role/],
      [{ rules: [{ action: 'catalog.read', role: 'viewer', if: { team: 'x' } }] }, /unknown condition team/],
      [{ rules: [{ action: 'catalog.read', role: 'viewer', if: { owner: false } }] }, /owner can only be true/],
      [{ rules: [{ action: 'scaffolder.template.run', role: 'member', if: { ref: ['service'] } }] }, /not a full entity ref/],
    ];
    for (const [input, message] of cases) expect(() => parsePolicy(input), JSON.stringify(input)).toThrow(message);
  });
});

describe('roles', () => {
  it('come from GitHub users, organisations, teams and catalog groups; the highest wins', () => {
    expect(roleOf(subject({ github: { login: 'vic', orgs: [], teams: [] } }), policy)).toBe('viewer');
    expect(roleOf(subject(), policy)).toBe('member');
    expect(roleOf(subject({ github: { login: 'bob', orgs: ['acme'], teams: ['acme/platform'] } }), policy)).toBe('admin');
    expect(roleOf(subject({ github: { login: 'root', orgs: [], teams: [] } }), policy)).toBe('admin');
    expect(roleOf(subject({ github: undefined, ownershipEntityRefs: ['user:default/c', 'group:default/contractors'] }), policy)).toBe('member');
    expect(roleOf(subject(), parsePolicy({ roles: { viewer: [] } }))).toBeUndefined();
  });

  it('make the local guest an admin', () => {
    expect(roleOf(subject({ guest: true, github: undefined }), parsePolicy({ roles: { viewer: [] } }))).toBe('admin');
  });
});

describe('decisions', () => {
  it('follow the default rules: members register, owners delete, admins do everything', () => {
    const viewer = subject({ github: { login: 'vic', orgs: [], teams: [] } });
    expect(decide(viewer, 'catalog.read', policy)).toEqual({ result: 'allow' });
    expect(decide(viewer, 'catalog.location.register', policy)).toEqual({ result: 'deny' });
    expect(decide(subject(), 'catalog.location.register', policy)).toEqual({ result: 'allow' });
    expect(decide(subject(), 'catalog.entity.delete', policy)).toEqual({
      result: 'conditional',
      filter: { key: 'relations.ownedby', values: ['user:default/bob', 'group:default/payments'] },
    });
    expect(decide(subject(), 'admin', policy)).toEqual({ result: 'deny' });
    const admin = subject({ github: { login: 'a', orgs: [], teams: ['acme/platform'] } });
    for (const action of ['admin', 'catalog.entity.delete', 'tokens.manage'] as const) expect(decide(admin, action, policy)).toEqual({ result: 'allow' });
  });

  it('join the conditions of every rule that applies, per template too', () => {
    const p = parsePolicy({
      roles: { member: ['*'] },
      rules: [
        { action: 'scaffolder.template.run', role: 'member', if: { ref: ['template:default/service'] } },
        { action: 'scaffolder.*', role: 'member', if: { owner: true, kind: ['template'] } },
      ],
    });
    expect(decide(subject(), 'scaffolder.template.run', p)).toEqual({
      result: 'conditional',
      filter: {
        any: [
          { any: [{ all: [{ key: 'kind', values: ['template'] }, { key: 'metadata.namespace', values: ['default'] }, { key: 'metadata.name', values: ['service'] }] }] },
          { all: [{ key: 'relations.ownedby', values: ['user:default/bob', 'group:default/payments'] }, { key: 'kind', values: ['template'] }] },
        ],
      },
    });
    // An unconditional rule makes the conditions moot.
    const q = parsePolicy({ roles: { member: ['*'] }, rules: [...p.rules, { action: '*', role: 'member' }] });
    expect(decide(subject(), 'scaffolder.template.run', q)).toEqual({ result: 'allow' });
  });

  it('cut a token to its scopes, whatever its creator may do', () => {
    const admin = subject({ github: { login: 'a', orgs: [], teams: ['acme/platform'] } });
    const reader = { ...admin, scopes: ['catalog:read' as const] };
    expect(decide(reader, 'catalog.read', policy)).toEqual({ result: 'allow' });
    expect(decide(reader, 'catalog.entity.delete', policy)).toEqual({ result: 'deny' });
    expect(decide({ ...admin, scopes: ['catalog:write'] }, 'catalog.entity.delete', policy)).toEqual({ result: 'allow' });
    expect(decide({ ...admin, scopes: ['techdocs:publish'] }, 'techdocs.publish', policy)).toEqual({ result: 'allow' });
    expect(decide({ ...admin, scopes: ['scaffolder:run'] }, 'scaffolder.template.run', policy)).toEqual({ result: 'allow' });
    for (const action of ['tokens.manage', 'admin'] as const) {
      expect(decide({ ...admin, scopes: ['catalog:read', 'catalog:write', 'techdocs:publish', 'scaffolder:run'] }, action, policy)).toEqual({ result: 'deny' });
    }
    // A member's write token still only deletes what the member owns.
    expect(decide({ ...subject(), scopes: ['catalog:write'] }, 'catalog.entity.delete', policy).result).toBe('conditional');
  });
});

describe('CSRF', () => {
  const url = 'https://portal.example.com/api/catalog/locations';
  it('lets safe methods and same-origin writes through', () => {
    expect(crossSiteReason({ method: 'GET', url, origin: 'https://evil.example', secFetchSite: 'cross-site' }, true)).toBeUndefined();
    expect(crossSiteReason({ method: 'POST', url, origin: 'https://portal.example.com' }, true)).toBeUndefined();
    expect(crossSiteReason({ method: 'DELETE', url, secFetchSite: 'same-origin' }, true)).toBeUndefined();
    expect(crossSiteReason({ method: 'POST', url, secFetchSite: 'none' }, true)).toBeUndefined();
    expect(crossSiteReason({ method: 'POST', url }, false)).toBeUndefined();
  });

  it('refuses writes from other sites, sibling subdomains and opaque origins, and cookie writes that say nothing', () => {
    expect(crossSiteReason({ method: 'POST', url, origin: 'https://evil.example' }, false)).toMatch(/Origin: https:\/\/evil\.example/);
    expect(crossSiteReason({ method: 'PUT', url, secFetchSite: 'cross-site' }, false)).toMatch(/cross-site/);
    expect(crossSiteReason({ method: 'POST', url, secFetchSite: 'same-site', origin: 'https://a.example.com' }, true)).toMatch(/same-site/);
    expect(crossSiteReason({ method: 'POST', url, origin: 'null' }, true)).toMatch(/null/);
    expect(crossSiteReason({ method: 'POST', url: 'http://127.0.0.1:8787/x', origin: 'http://127.0.0.1:9999' }, false)).toMatch(/Origin/);
    expect(crossSiteReason({ method: 'PATCH', url }, true)).toMatch(/must carry Origin/);
  });
});

describe('the access table', () => {
  it('finds routes with their parameters, and nothing for routes it does not list', () => {
    expect(matchAccess('DELETE', '/api/catalog/entities/by-uid/abc')).toEqual({
      access: { kind: 'action', action: 'catalog.entity.delete', resource: { entity: 'uid' } },
      params: { uid: 'abc' },
    });
    expect(matchAccess('GET', '/api/catalog/entities/by-uid/abc')?.access).toEqual({ kind: 'action', action: 'catalog.read' });
    expect(matchAccess('GET', '/api/auth/tokens/all')?.access).toEqual({ kind: 'action', action: 'admin' });
    expect(matchAccess('DELETE', '/api/auth/tokens/all')?.access).toEqual({ kind: 'action', action: 'tokens.manage' });
    expect(matchAccess('PATCH', '/api/catalog/entities')).toBeUndefined();
    expect(matchAccess('GET', '/api/catalog/entities/')).toBeUndefined();
    expect(matchAccess('GET', '/api/secret-admin-thing')).toBeUndefined();
    expect(matchAccess('OPTIONS', '/api/catalog/entities')).toBeUndefined();
    expect(matchAccess('HEAD', '/api/catalog/entities')?.access).toEqual({ kind: 'action', action: 'catalog.read' });
  });
});

describe('the return path after sign-in', () => {
  it('stays on the portal', () => {
    expect(safeReturnPath('/catalog?kind=api')).toBe('/catalog?kind=api');
    for (const bad of [undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) expect(safeReturnPath(bad)).toBe('/');
  });
});
