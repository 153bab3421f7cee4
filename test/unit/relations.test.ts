import { describe, expect, it } from 'vitest';
import type { Entity } from '../../worker/catalog/model/entity';
import { deriveRelations, RELATION_PAIRS, relationsFromSide, relationTypeOf, type RelationRow } from '../../worker/catalog/model/relations';

function entity(kind: string, spec: Record<string, unknown>, metadata: Partial<Entity['metadata']> = {}): Entity {
  const apiVersion = kind === 'Template' ? 'scaffolder.backstage.io/v1beta3' : 'backstage.io/v1alpha1';
  return { apiVersion, kind, metadata: { name: 'x', ...metadata }, spec };
}

function rows(...triples: Array<[string, string, string]>): RelationRow[] {
  return triples.map(([source, type, target]) => ({ source, type, target }));
}

describe('RELATION_PAIRS', () => {
  it('pairs the 14 Backstage relation types, each the inverse of its inverse', () => {
    expect(Object.keys(RELATION_PAIRS)).toHaveLength(14);
    for (const [type, inverse] of Object.entries(RELATION_PAIRS)) {
      expect(RELATION_PAIRS[inverse as keyof typeof RELATION_PAIRS]).toBe(type);
    }
  });
});

describe('deriveRelations', () => {
  it('gives a Component every relation both ways, with per-field default kinds', () => {
    const result = deriveRelations(
      entity('Component', {
        type: 'service',
        lifecycle: 'production',
        owner: 'team-a',
        system: 'audio',
        subcomponentOf: 'player',
        providesApis: ['play-api'],
        consumesApis: ['user-api'],
        dependsOn: ['resource:db'],
        dependencyOf: ['component:front'],
      }),
    );
    expect(result).toEqual(
      rows(
        ['component:default/x', 'ownedBy', 'group:default/team-a'],
        ['group:default/team-a', 'ownerOf', 'component:default/x'],
        ['component:default/x', 'partOf', 'system:default/audio'],
        ['system:default/audio', 'hasPart', 'component:default/x'],
        ['component:default/x', 'partOf', 'component:default/player'],
        ['component:default/player', 'hasPart', 'component:default/x'],
        ['component:default/x', 'providesApi', 'api:default/play-api'],
        ['api:default/play-api', 'apiProvidedBy', 'component:default/x'],
        ['component:default/x', 'consumesApi', 'api:default/user-api'],
        ['api:default/user-api', 'apiConsumedBy', 'component:default/x'],
        ['component:default/x', 'dependsOn', 'resource:default/db'],
        ['resource:default/db', 'dependencyOf', 'component:default/x'],
        ['component:default/x', 'dependencyOf', 'component:default/front'],
        ['component:default/front', 'dependsOn', 'component:default/x'],
      ),
    );
  });

  it("defaults the namespace to the entity's own, and lowercases every ref", () => {
    const result = deriveRelations(entity('API', { owner: 'Team-A', system: 'other/Audio', definition: 'x' }, { name: 'Pay', namespace: 'billing' }));
    expect(result).toEqual(
      rows(
        ['api:billing/pay', 'ownedBy', 'group:billing/team-a'],
        ['group:billing/team-a', 'ownerOf', 'api:billing/pay'],
        ['api:billing/pay', 'partOf', 'system:other/audio'],
        ['system:other/audio', 'hasPart', 'api:billing/pay'],
      ),
    );
  });

  it('keeps an explicit kind over the default (an owner can be a user)', () => {
    expect(deriveRelations(entity('System', { owner: 'user:jdoe', domain: 'playback' }))).toEqual(
      rows(
        ['system:default/x', 'ownedBy', 'user:default/jdoe'],
        ['user:default/jdoe', 'ownerOf', 'system:default/x'],
        ['system:default/x', 'partOf', 'domain:default/playback'],
        ['domain:default/playback', 'hasPart', 'system:default/x'],
      ),
    );
  });

  it('relates Resources, Domains and Templates', () => {
    expect(deriveRelations(entity('Resource', { type: 'db', owner: 'g', dependsOn: ['component:c'], dependencyOf: ['component:d'], system: 's' }))).toEqual(
      rows(
        ['resource:default/x', 'ownedBy', 'group:default/g'],
        ['group:default/g', 'ownerOf', 'resource:default/x'],
        ['resource:default/x', 'dependsOn', 'component:default/c'],
        ['component:default/c', 'dependencyOf', 'resource:default/x'],
        ['resource:default/x', 'dependencyOf', 'component:default/d'],
        ['component:default/d', 'dependsOn', 'resource:default/x'],
        ['resource:default/x', 'partOf', 'system:default/s'],
        ['system:default/s', 'hasPart', 'resource:default/x'],
      ),
    );
    expect(deriveRelations(entity('Domain', { owner: 'g', subdomainOf: 'parent' }))).toContainEqual({
      source: 'domain:default/x',
      type: 'partOf',
      target: 'domain:default/parent',
    });
    expect(deriveRelations(entity('Template', { type: 'service', steps: [], owner: 'backstage/techdocs-core' }))).toEqual(
      rows(
        ['template:default/x', 'ownedBy', 'group:backstage/techdocs-core'],
        ['group:backstage/techdocs-core', 'ownerOf', 'template:default/x'],
      ),
    );
  });

  it('relates Groups and Users through parent, children, members and memberOf', () => {
    expect(deriveRelations(entity('Group', { type: 'team', parent: 'org', children: ['sub'], members: ['jdoe'] }))).toEqual(
      rows(
        ['group:default/x', 'childOf', 'group:default/org'],
        ['group:default/org', 'parentOf', 'group:default/x'],
        ['group:default/x', 'parentOf', 'group:default/sub'],
        ['group:default/sub', 'childOf', 'group:default/x'],
        ['group:default/x', 'hasMember', 'user:default/jdoe'],
        ['user:default/jdoe', 'memberOf', 'group:default/x'],
      ),
    );
    expect(deriveRelations(entity('User', { memberOf: ['team-a', 'group:default/team-b'] }, { namespace: 'dev' }))).toEqual(
      rows(
        ['user:dev/x', 'memberOf', 'group:dev/team-a'],
        ['group:dev/team-a', 'hasMember', 'user:dev/x'],
        ['user:dev/x', 'memberOf', 'group:default/team-b'],
        ['group:default/team-b', 'hasMember', 'user:dev/x'],
      ),
    );
  });

  it('deduplicates refs that differ only in case or spelling', () => {
    const result = deriveRelations(entity('Component', { type: 's', lifecycle: 'l', owner: 't', providesApis: ['Pets', 'api:pets', 'api:default/PETS'] }));
    expect(result.filter((r) => r.type === 'providesApi')).toEqual(rows(['component:default/x', 'providesApi', 'api:default/pets']));
    expect(result).toHaveLength(4);
  });

  it('gives none for Locations, unknown kinds or a missing spec', () => {
    expect(deriveRelations(entity('Location', { targets: ['./a.yaml'] }))).toEqual([]);
    expect(deriveRelations(entity('Environment', { owner: 'x' }))).toEqual([]);
    expect(deriveRelations({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' } })).toEqual([]);
  });

  it('throws on a ref that needs a kind it does not have (validation refuses those first)', () => {
    expect(() => deriveRelations(entity('Component', { type: 's', lifecycle: 'l', owner: 't', dependsOn: ['db'] }))).toThrow(/missing or empty kind/);
  });
});

describe('relationsFromSide', () => {
  const self = 'component:default/x';

  it('keeps each pair once, from the entity’s own side', () => {
    const derived = deriveRelations(entity('Component', { type: 's', lifecycle: 'l', owner: 'team', dependsOn: ['resource:db'] }));
    expect(relationsFromSide(self, derived)).toEqual([
      ['ownedBy', 'group:default/team'],
      ['dependsOn', 'resource:default/db'],
    ]);
  });

  it('turns a row pointing at the entity around, and drops rows about others', () => {
    const given = rows(['group:default/team', 'ownerOf', self], ['group:default/a', 'ownerOf', 'component:default/y'], [self, 'ownedBy', 'group:default/team']);
    expect(relationsFromSide(self, given)).toEqual([['ownedBy', 'group:default/team']]);
    expect(relationsFromSide(self, rows(['api:default/p', 'someCustomType', self]))).toEqual([]);
    expect(relationsFromSide(self, rows([self, 'someCustomType', 'api:default/p']))).toEqual([['someCustomType', 'api:default/p']]);
  });

  it('keeps both directions of a relation an entity has with itself', () => {
    const derived = deriveRelations(entity('Component', { type: 's', lifecycle: 'l', owner: 'component:x' }));
    expect(relationsFromSide(self, derived)).toEqual([
      ['ownedBy', self],
      ['ownerOf', self],
    ]);
  });
});

describe('relationTypeOf', () => {
  it('finds a type whatever its case, and nothing else', () => {
    expect(relationTypeOf('OWNEDBY')).toBe('ownedBy');
    expect(relationTypeOf('apiconsumedby')).toBe('apiConsumedBy');
    expect(relationTypeOf('owner')).toBeUndefined();
  });
});
