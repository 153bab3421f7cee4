import { describe, expect, it } from 'vitest';
import type { Entity } from '../../worker/catalog/model/entity';
import { getCompoundEntityRef, parseEntityRef, stringifyEntityRef } from '../../worker/catalog/model/ref';

describe('parseEntityRef', () => {
  it('reads all three parts and keeps their case', () => {
    expect(parseEntityRef('Component:Prod/My-Service')).toEqual({ kind: 'Component', namespace: 'Prod', name: 'My-Service' });
  });

  it('fills kind and namespace from the context only when the ref leaves them out', () => {
    const context = { defaultKind: 'Group', defaultNamespace: 'ops' };
    expect(parseEntityRef('team-a', context)).toEqual({ kind: 'Group', namespace: 'ops', name: 'team-a' });
    expect(parseEntityRef('user:jdoe', context)).toEqual({ kind: 'user', namespace: 'ops', name: 'jdoe' });
    expect(parseEntityRef('other/team-b', context)).toEqual({ kind: 'Group', namespace: 'other', name: 'team-b' });
  });

  it('defaults the namespace to "default" without a context namespace', () => {
    expect(parseEntityRef('api:petstore')).toEqual({ kind: 'api', namespace: 'default', name: 'petstore' });
  });

  it('treats a colon after the first slash as part of the name', () => {
    expect(parseEntityRef('ns/name:with-colon', { defaultKind: 'Component' })).toEqual({
      kind: 'Component',
      namespace: 'ns',
      name: 'name:with-colon',
    });
  });

  it('throws a clear error when the kind is missing and there is no default', () => {
    expect(() => parseEntityRef('artists-db')).toThrow(/"artists-db" had missing or empty kind/);
    expect(() => parseEntityRef({ name: 'x' })).toThrow(/missing or empty kind/);
  });

  it.each(['', ':name', 'kind:/name', 'kind:ns/', 'kind:', '/name'])('refuses the malformed ref %j', (ref) => {
    expect(() => parseEntityRef(ref, { defaultKind: 'Component' })).toThrow(/not on the form|missing or empty name/);
  });

  it('accepts parts as an object, defaulting what is missing', () => {
    expect(parseEntityRef({ name: 'guest' }, { defaultKind: 'User' })).toEqual({ kind: 'User', namespace: 'default', name: 'guest' });
    expect(parseEntityRef({ kind: 'Group', namespace: 'x', name: 'y' })).toEqual({ kind: 'Group', namespace: 'x', name: 'y' });
  });

  it('refuses values that are not refs at all', () => {
    expect(() => parseEntityRef(42 as unknown as string)).toThrow(/must be a string or an object/);
    expect(() => parseEntityRef({ kind: 'Group', name: '' })).toThrow(/missing or empty name/);
  });
});

describe('stringifyEntityRef', () => {
  it('prints kind:namespace/name lowercased, so refs compare case-insensitively', () => {
    expect(stringifyEntityRef({ kind: 'Component', namespace: 'Prod', name: 'My-Service' })).toBe('component:prod/my-service');
    expect(stringifyEntityRef(parseEntityRef('COMPONENT:default/A'))).toBe(stringifyEntityRef(parseEntityRef('component:a')));
  });

  it('defaults the namespace', () => {
    expect(stringifyEntityRef({ kind: 'API', name: 'Petstore' })).toBe('api:default/petstore');
  });

  it('prints an entity', () => {
    const entity: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'Guest', namespace: 'Development' } };
    expect(stringifyEntityRef(entity)).toBe('user:development/guest');
    expect(stringifyEntityRef({ ...entity, metadata: { name: 'Guest' } })).toBe('user:default/guest');
  });

  it('refuses a ref without kind', () => {
    expect(() => stringifyEntityRef({ name: 'x' })).toThrow(/kind/);
  });
});

describe('getCompoundEntityRef', () => {
  it('gives the parts with their case and the namespace defaulted', () => {
    const entity: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'Web' } };
    expect(getCompoundEntityRef(entity)).toEqual({ kind: 'Component', namespace: 'default', name: 'Web' });
  });
});
