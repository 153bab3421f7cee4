import { DEFAULT_NAMESPACE, type Entity } from './entity';
import { findKindDefinition } from './kinds';
import { parseEntityRef, stringifyEntityRef } from './ref';

/** Each of Backstage's 14 relation types and its inverse. */
export const RELATION_PAIRS = {
  ownedBy: 'ownerOf',
  ownerOf: 'ownedBy',
  consumesApi: 'apiConsumedBy',
  apiConsumedBy: 'consumesApi',
  providesApi: 'apiProvidedBy',
  apiProvidedBy: 'providesApi',
  dependsOn: 'dependencyOf',
  dependencyOf: 'dependsOn',
  parentOf: 'childOf',
  childOf: 'parentOf',
  memberOf: 'hasMember',
  hasMember: 'memberOf',
  partOf: 'hasPart',
  hasPart: 'partOf',
} as const;

export type RelationType = keyof typeof RELATION_PAIRS;

const RELATION_TYPES = new Map(Object.keys(RELATION_PAIRS).map((t) => [t.toLowerCase(), t as RelationType]));

/** The relation type a name denotes whatever its case (`relations.ownedby` in a filter), if Backstage defines it. */
export function relationTypeOf(name: string): RelationType | undefined {
  return RELATION_TYPES.get(name.toLowerCase());
}

/** One directed edge between two entities, refs lowercased as stored. */
export interface RelationRow {
  source: string;
  type: string;
  target: string;
}

function refsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The relations a validated entity's spec implies, both directions (`X ownedBy G` and
 * `G ownerOf X`), with the default kinds of Backstage's built-in processor and the entity's
 * own namespace as default namespace. Throws on a ref that does not parse.
 */
export function deriveRelations(entity: Entity): RelationRow[] {
  const definition = findKindDefinition(entity.kind, entity.apiVersion);
  if (!definition || !entity.spec) return [];
  const self = stringifyEntityRef(entity);
  const defaultNamespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const rows: RelationRow[] = [];
  const seen = new Set<string>();
  const add = (source: string, type: string, target: string) => {
    const key = `${source} ${type} ${target}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push({ source, type, target });
  };
  for (const [field, shape] of Object.entries(definition.spec)) {
    if (!('ref' in shape) || !shape.ref) continue;
    const { defaultKind, relation } = shape.ref;
    for (const ref of refsIn(entity.spec[field])) {
      const target = stringifyEntityRef(
        parseEntityRef(ref, { ...(defaultKind ? { defaultKind } : {}), defaultNamespace }),
      );
      add(self, relation, target);
      add(target, RELATION_PAIRS[relation], self);
    }
  }
  return rows;
}

/**
 * Each relation pair among `rows` once, seen from `self`: `[type, target]` of the rows whose
 * source is `self`, and the inverse of those pointing at it. A row that touches `self` at
 * neither end is dropped: a descriptor only speaks for its own entity.
 */
export function relationsFromSide(self: string, rows: RelationRow[]): [string, string][] {
  const out = new Map<string, [string, string]>();
  for (const { source, type, target } of rows) {
    const inverse = RELATION_PAIRS[type as RelationType];
    const seen: [string, string] | undefined = source === self ? [type, target] : target === self && inverse ? [inverse, source] : undefined;
    if (seen) out.set(`${seen[0]} ${seen[1]}`, seen);
  }
  return [...out.values()];
}
