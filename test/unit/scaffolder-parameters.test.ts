import { describe, expect, it } from 'vitest';
import { applyDefaults, formPages, isPageVisible, resolveSchema, secretFields, validatePage, validateParameters, visibleFields } from '../../worker/scaffolder/template/parameters';
import { prepareValues } from '../../worker/scaffolder/tasks/prepare';

// Shaped like Backstage's sample templates: pages, ui:* keys, dependencies/oneOf, a `when` page.
const parameters = [
  {
    title: 'Fill in some steps',
    required: ['name'],
    'ui:order': ['owner', 'name'],
    properties: {
      name: { title: 'Name', type: 'string', pattern: '^[a-z-]+$', 'ui:autofocus': true, 'ui:help': 'lowercase' },
      owner: { title: 'Owner', type: 'string', 'ui:field': 'OwnerPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } },
      kind: { title: 'Kind', type: 'string', enum: ['service', 'website'], default: 'service', 'ui:widget': 'radio' },
    },
    dependencies: {
      kind: {
        oneOf: [
          { properties: { kind: { enum: ['service'] }, port: { type: 'integer', minimum: 1, default: 8080 } }, required: ['port'] },
          { properties: { kind: { enum: ['website'] }, domain: { type: 'string', 'ui:widget': 'textarea' } }, required: ['domain'] },
        ],
      },
    },
  },
  {
    title: 'Repository',
    when: "${{ parameters.kind == 'service' }}",
    required: ['repoUrl'],
    properties: { repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker' }, token: { type: 'string', 'ui:field': 'Secret' } },
  },
  { title: 'Extras', properties: { password: { type: 'string', 'ui:widget': 'password' }, notes: { type: 'string', maxLength: 5 } } },
];

describe('form pages', () => {
  it('come from one object or an array, with ui:* keys split from the schema', () => {
    const pages = formPages(parameters);
    expect(pages.map((p) => p.title)).toEqual(['Fill in some steps', 'Repository', 'Extras']);
    expect(pages[0]!.schema.properties).toMatchObject({ name: { title: 'Name', type: 'string', pattern: '^[a-z-]+$' } });
    expect((pages[0]!.schema.properties as Record<string, object>).name).not.toHaveProperty('ui:autofocus');
    expect(pages[0]!.uiSchema).toEqual({
      name: { 'ui:autofocus': true, 'ui:help': 'lowercase' },
      owner: { 'ui:field': 'OwnerPicker', 'ui:options': { catalogFilter: { kind: 'Group' } } },
      kind: { 'ui:widget': 'radio' },
      domain: { 'ui:widget': 'textarea' },
    });
    expect(pages[1]!.when).toBe("${{ parameters.kind == 'service' }}");
    expect(formPages({ properties: { a: { type: 'string' } } }).map((p) => p.title)).toEqual(['Step 1']);
    expect(formPages(undefined)).toEqual([]);
  });

  it('show the fields the current values call for, in ui:order', () => {
    const [page] = formPages(parameters);
    expect(visibleFields(page!, { kind: 'service' }).map((f) => [f.name, f.required])).toEqual([
      ['owner', false],
      ['name', true],
      ['kind', false],
      ['port', true],
    ]);
    expect(visibleFields(page!, { kind: 'website' }).map((f) => f.name)).toEqual(['owner', 'name', 'kind', 'domain']);
    expect(visibleFields(page!, {}).map((f) => f.name)).toEqual(['owner', 'name', 'kind']);
    expect(visibleFields(page!, { kind: 'website' }).find((f) => f.name === 'domain')!.ui).toEqual({ 'ui:widget': 'textarea' });
  });

  it('resolve array dependencies and nested ones', () => {
    const schema = {
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      dependencies: { a: ['b'], b: { properties: { c: { type: 'string' } }, dependencies: { c: { properties: { d: { type: 'number' } } } } } },
    };
    expect(resolveSchema(schema, { a: 'x' }).required).toEqual(['b']);
    expect(Object.keys(resolveSchema(schema, { b: 'y', c: 'z' }).properties as object)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('show a page only when its condition holds', () => {
    const pages = formPages(parameters);
    expect(isPageVisible(pages[1]!, { kind: 'service' })).toBe(true);
    expect(isPageVisible(pages[1]!, { kind: 'website' })).toBe(false);
    expect(isPageVisible(pages[2]!, {})).toBe(true);
  });
});

describe('validation', () => {
  it('names each problem by field, for the visible pages only', () => {
    expect(validateParameters(parameters, { name: 'Bad1', kind: 'service', port: 0 })).toEqual([
      { path: 'name', message: 'must match the pattern ^[a-z-]+$' },
      { path: 'port', message: expect.stringContaining('1') },
      { path: 'repoUrl', message: 'is required' },
    ]);
    // A website hides the repository page and asks for a domain instead.
    expect(validateParameters(parameters, { name: 'site', kind: 'website' })).toEqual([{ path: 'domain', message: 'is required' }]);
    expect(validateParameters(parameters, { name: 'site', kind: 'website', domain: 'x.test', notes: 'too long' })).toEqual([{ path: 'notes', message: 'must be at most 5 characters' }]);
    expect(validateParameters(parameters, { name: 'api', kind: 'service', port: 80, repoUrl: 'github.com?owner=a&repo=b' })).toEqual([]);
    expect(validateParameters(parameters, { name: 'api', kind: 'other', port: 80, repoUrl: 'x' })).toEqual([{ path: 'kind', message: 'must be one of: "service", "website"' }]);
    expect(validateParameters(parameters, { name: 5 })[0]).toEqual({ path: 'name', message: 'must be of type string' });
  });

  it('validate one page at a time for the wizard', () => {
    const pages = formPages(parameters);
    expect(validatePage(pages[0]!, { name: 'ok', kind: 'service', port: 1 })).toEqual([]);
    expect(validatePage(pages[1]!, { kind: 'website' })).toEqual([]);
    expect(validatePage(pages[1]!, { kind: 'service' })).toEqual([{ path: 'repoUrl', message: 'is required' }]);
  });

  it('fills defaults of the fields that apply', () => {
    expect(applyDefaults(parameters, { name: 'x' })).toEqual({ name: 'x', kind: 'service', port: 8080 });
    expect(applyDefaults(parameters, { name: 'x', kind: 'website' })).toEqual({ name: 'x', kind: 'website' });
  });
});

describe('secrets', () => {
  it('are the Secret and password fields, kept out of the stored parameters', () => {
    expect(secretFields(parameters).sort()).toEqual(['password', 'token']);
    const prepared = prepareValues(parameters, { name: 'api', kind: 'service', repoUrl: 'r', password: 'pw', token: 'tk' }, { extra: 'e', n: 5 });
    expect(prepared.errors).toEqual([]);
    expect(prepared.parameters).toEqual({ name: 'api', kind: 'service', port: 8080, repoUrl: 'r' });
    expect(prepared.secrets).toEqual({ extra: 'e', n: '5', password: 'pw', token: 'tk' });
  });

  it('count as given when sent among the secrets', () => {
    const required = [{ required: ['token'], properties: { token: { type: 'string', 'ui:field': 'Secret' } } }];
    expect(prepareValues(required, {}, {}).errors).toEqual([{ path: 'token', message: 'is required' }]);
    expect(prepareValues(required, {}, { token: 'x' }).errors).toEqual([]);
  });
});
