import { describe, expect, it } from 'vitest';
import { validateEntity, validateEnvelope, type ValidationResult } from '../../worker/catalog/model/validate';

const BASE = 'backstage.io/v1alpha1';

function component(overrides: { metadata?: Record<string, unknown>; spec?: Record<string, unknown>; [k: string]: unknown } = {}) {
  const { metadata, spec, ...rest } = overrides;
  return {
    apiVersion: BASE,
    kind: 'Component',
    metadata: { name: 'web', ...metadata },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a', ...spec },
    ...rest,
  };
}

function failure(result: ValidationResult) {
  expect(result.ok).toBe(false);
  return result as Extract<ValidationResult, { ok: false }>;
}

describe('validateEntity: envelope', () => {
  it('accepts a minimal component and returns it', () => {
    const doc = component();
    expect(validateEntity(doc)).toEqual({ ok: true, entity: doc });
  });

  it.each([
    [{ kind: 'Component', metadata: { name: 'x' } }, 'envelope:/apiVersion:required', "<root> must have required property 'apiVersion'"],
    [{ apiVersion: BASE, metadata: { name: 'x' } }, 'envelope:/kind:required', "<root> must have required property 'kind'"],
    [{ apiVersion: BASE, kind: 'Component' }, 'envelope:/metadata:required', "<root> must have required property 'metadata'"],
    [{ apiVersion: BASE, kind: 'Component', metadata: {} }, 'envelope:/metadata/name:required', "/metadata must have required property 'name'"],
    [{ apiVersion: 1, kind: 'Component', metadata: { name: 'x' } }, 'envelope:/apiVersion:type', '/apiVersion must be string'],
    [{ apiVersion: '', kind: 'Component', metadata: { name: 'x' } }, 'envelope:/apiVersion:minLength', '/apiVersion must NOT have fewer than 1 characters'],
    [{ apiVersion: BASE, kind: 'Component', metadata: { name: 'x', namespace: 3 } }, 'envelope:/metadata/namespace:type', '/metadata/namespace must be string'],
    [['not', 'an', 'object'], 'envelope::type', '<root> must be object'],
  ])('refuses %j', (doc, rule, message) => {
    const result = failure(validateEntity(doc));
    expect(result).toEqual({ ok: false, rule, message });
  });

  it('gives the lowercased ref once the envelope holds, even for invalid names', () => {
    expect(validateEnvelope({ apiVersion: BASE, kind: 'Component', metadata: { name: 'Invalid Component' } })).toEqual({
      ok: true,
      ref: 'component:default/invalid component',
      kind: 'Component',
    });
  });
});

describe('validateEntity: policies', () => {
  it('refuses foreign root fields', () => {
    expect(failure(validateEntity(component({ extra: 1 }))).rule).toBe('policy:foreign-root-field:extra');
  });

  it('gives the Backstage message for a bad name, with the ref', () => {
    const result = failure(validateEntity(component({ metadata: { name: 'invalid component' } })));
    expect(result).toEqual({
      ok: false,
      rule: 'policy:field-format:metadata.name',
      ref: 'component:default/invalid component',
      message:
        '"metadata.name" is not valid; expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found "invalid component"',
    });
  });

  it.each(['-web', 'web-', 'a b', 'a/b', 'é', 'a'.repeat(64), '_x', 'x.'])('refuses the name %j', (name) => {
    expect(failure(validateEntity(component({ metadata: { name } }))).rule).toBe('policy:field-format:metadata.name');
  });

  it.each(['a', 'A1', 'a.b_c-d', 'x'.repeat(63)])('accepts the name %j', (name) => {
    expect(validateEntity(component({ metadata: { name } })).ok).toBe(true);
  });

  it.each(['Prod', 'a_b', '-a', 'a.b', 'a'.repeat(64)])('refuses the namespace %j', (namespace) => {
    expect(failure(validateEntity(component({ metadata: { namespace } }))).rule).toBe('policy:field-format:metadata.namespace');
  });

  it('accepts a DNS-label namespace', () => {
    expect(validateEntity(component({ metadata: { namespace: 'team-1' } })).ok).toBe(true);
  });

  it.each([
    [{ 'bad key': 'v' }],
    [{ 'Example.com/x': 'v' }],
    [{ 'a/b/c': 'v' }],
    [{ [`example.com/${'k'.repeat(64)}`]: 'v' }],
    [{ 'example.com/x': 'has space' }],
    [{ 'example.com/x': 'v'.repeat(64) }],
    [{ 'example.com/x': 3 }],
    ['not-an-object'],
  ])('refuses the labels %j', (labels) => {
    expect(failure(validateEntity(component({ metadata: { labels } }))).rule).toBe('policy:field-format:metadata.labels');
  });

  it('accepts prefixed and empty labels', () => {
    expect(validateEntity(component({ metadata: { labels: { 'example.com/custom': 'v_1', plain: '' } } })).ok).toBe(true);
  });

  it.each([[{ 'bad key': 'v' }], [{ 'a/b/c': 'v' }], [{ 'example.com/x': 1 }], [{ '-x.com/y': 'v' }]])('refuses the annotations %j', (annotations) => {
    expect(failure(validateEntity(component({ metadata: { annotations } }))).rule).toBe('policy:field-format:metadata.annotations');
  });

  it('accepts annotation values of any text', () => {
    const annotations = { 'backstage.io/techdocs-ref': 'dir:.', 'example.com/note': 'free text, with spaces: ok' };
    expect(validateEntity(component({ metadata: { annotations } })).ok).toBe(true);
  });

  it('refuses a javascript: view or edit URL annotation, since the UI renders them as links', () => {
    const annotations = { 'backstage.io/view-url': 'javascript:alert(1)' };
    expect(failure(validateEntity(component({ metadata: { annotations } }))).rule).toBe('policy:field-format:metadata.annotations');
  });

  it.each(['Java', 'a_b', 'a--b', '-a', 'a b', 'x'.repeat(64), 3])('refuses the tag %j', (tag) => {
    expect(failure(validateEntity(component({ metadata: { tags: ['ok', tag] } }))).rule).toBe('policy:field-format:metadata.tags');
  });

  it('accepts tags with the allowed characters', () => {
    expect(validateEntity(component({ metadata: { tags: ['java', 'c++', 'c#', 'ns:tag', 'a-b-c1'] } })).ok).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    '',
  ])('refuses the link url %j (scheme-based XSS)', (url) => {
    const result = failure(validateEntity(component({ metadata: { links: [{ url, title: 'x' }] } })));
    expect(result.rule).toBe('policy:field-format:metadata.links');
    expect(result.message).toContain('metadata.links[0].url');
  });

  it('refuses links without url, with a non-string title, or not in an array', () => {
    expect(failure(validateEntity(component({ metadata: { links: [{ title: 'x' }] } }))).rule).toBe('policy:field-format:metadata.links');
    expect(failure(validateEntity(component({ metadata: { links: [{ url: 'https://a', title: 1 }] } }))).rule).toBe(
      'policy:field-format:metadata.links',
    );
    expect(failure(validateEntity(component({ metadata: { links: { url: 'https://a' } } }))).rule).toBe('policy:field-format:metadata.links');
  });

  it('accepts http, https, mailto and relative link urls', () => {
    const links = [{ url: 'https://a.example' }, { url: 'http://b.example/x', icon: 'dashboard', type: 'admin' }, { url: 'mailto:t@e.com' }, { url: '/docs' }];
    expect(validateEntity(component({ metadata: { links } })).ok).toBe(true);
  });

  it('refuses a non-string title or description, and a non-object spec', () => {
    expect(failure(validateEntity(component({ metadata: { title: 1 } }))).rule).toBe('policy:field-format:metadata.title');
    expect(failure(validateEntity(component({ metadata: { description: ['x'] } }))).rule).toBe('policy:field-format:metadata.description');
    expect(failure(validateEntity({ ...component(), spec: 'x' })).rule).toBe('policy:field-format:spec');
  });

  it.each(['backstage.io/v1alpha1/x', 'backstage io/v1', 'backstage.io/v1-alpha'])('refuses the apiVersion %j', (apiVersion) => {
    expect(failure(validateEntity({ ...component(), apiVersion })).rule).toBe('policy:field-format:apiVersion');
  });

  it('refuses a kind that is not a kind name', () => {
    expect(failure(validateEntity({ ...component(), kind: 'My Kind' })).rule).toBe('policy:field-format:kind');
  });
});

describe('validateEntity: kinds', () => {
  it('calls a well-formed kind nobody knows unknown-kind, in Backstage words', () => {
    const result = failure(validateEntity({ apiVersion: BASE, kind: 'Environment', metadata: { name: 'dev' }, spec: {} }));
    expect(result).toEqual({
      ok: false,
      rule: 'unknown-kind',
      ref: 'environment:default/dev',
      message: 'No processor recognized the entity environment:default/dev as valid, possibly caused by a foreign kind or apiVersion',
    });
  });

  it('treats kinds case-sensitively and checks the apiVersion per kind', () => {
    expect(failure(validateEntity({ ...component(), kind: 'component' })).rule).toBe('unknown-kind');
    expect(failure(validateEntity({ ...component(), apiVersion: 'example.com/v1' })).rule).toBe('unknown-kind');
    expect(validateEntity({ ...component(), apiVersion: 'backstage.io/v1beta1' }).ok).toBe(true);
  });

  it('requires a spec', () => {
    const { spec: _, ...noSpec } = component();
    expect(failure(validateEntity(noSpec))).toMatchObject({ rule: 'kind-schema:/spec:required' });
  });

  const valid: Record<string, { apiVersion?: string; spec: Record<string, unknown> }> = {
    Component: { spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } },
    API: { spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0' } },
    Resource: { spec: { type: 'database', owner: 'team-a' } },
    System: { spec: { owner: 'team-a' } },
    Domain: { spec: { owner: 'team-a' } },
    Group: { spec: { type: 'team', children: [] } },
    User: { spec: { memberOf: [] } },
    Location: { spec: {} },
    Template: { apiVersion: 'scaffolder.backstage.io/v1beta3', spec: { type: 'service', steps: [] } },
  };

  function doc(kind: string, spec: Record<string, unknown>) {
    return { apiVersion: valid[kind]!.apiVersion ?? BASE, kind, metadata: { name: 'x' }, spec };
  }

  it.each(Object.keys(valid))('accepts a minimal %s', (kind) => {
    expect(validateEntity(doc(kind, valid[kind]!.spec)).ok).toBe(true);
  });

  it.each([
    ['Component', 'type'],
    ['Component', 'lifecycle'],
    ['Component', 'owner'],
    ['API', 'type'],
    ['API', 'lifecycle'],
    ['API', 'owner'],
    ['API', 'definition'],
    ['Resource', 'type'],
    ['Resource', 'owner'],
    ['System', 'owner'],
    ['Domain', 'owner'],
    ['Group', 'type'],
    ['Group', 'children'],
    ['User', 'memberOf'],
    ['Template', 'type'],
    ['Template', 'steps'],
  ])('refuses a %s without spec.%s', (kind, field) => {
    const { [field]: _, ...spec } = valid[kind]!.spec;
    const result = failure(validateEntity(doc(kind, spec)));
    expect(result.rule).toBe(`kind-schema:/spec/${field}:required`);
    expect(result.message).toBe(`/spec must have required property '${field}'`);
  });

  it.each([
    ['Component', { system: 3 }, 'kind-schema:/spec/system:type'],
    ['Component', { owner: '' }, 'kind-schema:/spec/owner:minLength'],
    ['Component', { providesApis: 'petstore' }, 'kind-schema:/spec/providesApis:type'],
    ['Component', { consumesApis: ['ok', 7] }, 'kind-schema:/spec/consumesApis/1:type'],
    ['Component', { subcomponentOf: null }, 'kind-schema:/spec/subcomponentOf:type'],
    ['API', { definition: { $text: './x' } }, 'kind-schema:/spec/definition:type'],
    ['Group', { children: 'team-b' }, 'kind-schema:/spec/children:type'],
    ['Group', { profile: { email: 1 } }, 'kind-schema:/spec/profile/email:type'],
    ['Group', { members: [''] }, 'kind-schema:/spec/members/0:minLength'],
    ['User', { memberOf: 'team-a' }, 'kind-schema:/spec/memberOf:type'],
    ['Location', { targets: './a.yaml' }, 'kind-schema:/spec/targets:type'],
    ['Location', { presence: 'maybe' }, 'kind-schema:/spec/presence:enum'],
    ['Template', { steps: [{ id: 'x' }] }, 'kind-schema:/spec/steps/0/action:required'],
    ['Template', { steps: [{ action: 'a', if: 1 }] }, 'kind-schema:/spec/steps/0/if:type'],
    ['Template', { parameters: 'x' }, 'kind-schema:/spec/parameters:type'],
    ['Template', { parameters: [{}, 'x'] }, 'kind-schema:/spec/parameters/1:type'],
    ['Template', { output: { links: [{ url: '' }] } }, 'kind-schema:/spec/output/links/0/url:minLength'],
    ['Template', { output: { catalogInfoUrl: 1 } }, 'kind-schema:/spec/output/catalogInfoUrl:type'],
  ])('refuses a %s with %j', (kind, extra, rule) => {
    expect(failure(validateEntity(doc(kind, { ...valid[kind]!.spec, ...extra }))).rule).toBe(rule);
  });

  it('refuses a Template under the catalog apiVersion, and other kinds under the scaffolder one', () => {
    expect(failure(validateEntity({ ...doc('Template', valid.Template!.spec), apiVersion: BASE })).rule).toBe('unknown-kind');
    expect(failure(validateEntity({ ...doc('Component', valid.Component!.spec), apiVersion: 'scaffolder.backstage.io/v1beta3' })).rule).toBe(
      'unknown-kind',
    );
  });

  it('accepts Template parameters as one object or a list of pages, and string outputs', () => {
    const spec = { ...valid.Template!.spec, parameters: [{ title: 'a' }], output: { links: [{ title: 'Repo', url: 'https://x' }], text: [{ content: '' }], url: 'x' } };
    expect(validateEntity(doc('Template', spec)).ok).toBe(true);
    expect(validateEntity(doc('Template', { ...spec, parameters: { properties: {} } })).ok).toBe(true);
  });

  it('refuses a dependsOn ref without kind, since Backstage gives it no default kind', () => {
    const result = failure(validateEntity(doc('Component', { ...valid.Component!.spec, dependsOn: ['resource:db', 'artists-db'] })));
    expect(result.rule).toBe('kind-schema:/spec/dependsOn/1:entity-ref');
    expect(result.message).toMatch(/"artists-db" had missing or empty kind/);
  });

  it('refuses a malformed owner ref', () => {
    expect(failure(validateEntity(doc('Component', { ...valid.Component!.spec, owner: 'group:/x' }))).rule).toBe(
      'kind-schema:/spec/owner:entity-ref',
    );
  });

  it('keeps unknown spec fields, as Backstage schemas allow them', () => {
    expect(validateEntity(doc('Component', { ...valid.Component!.spec, custom: { any: 'thing' } })).ok).toBe(true);
  });
});
