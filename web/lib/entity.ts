import type { Entity, EntityStatusItem } from '../api/types';
import { parseEntityRef, type CompoundEntityRef } from './entityRef';

/** Well-known annotation keys the UI reads. */
export const ANNOTATION = {
  orphan: 'backstage.io/orphan',
  sourceLocation: 'backstage.io/source-location',
  viewUrl: 'backstage.io/view-url',
  editUrl: 'backstage.io/edit-url',
} as const;

/** Human labels for Backstage's relation types, in the order the UI lists them. */
export const RELATION_LABELS: Record<string, string> = {
  ownedBy: 'Owned by',
  ownerOf: 'Owner of',
  partOf: 'Part of',
  hasPart: 'Has part',
  providesApi: 'Provides API',
  apiProvidedBy: 'API provided by',
  consumesApi: 'Consumes API',
  apiConsumedBy: 'API consumed by',
  dependsOn: 'Depends on',
  dependencyOf: 'Dependency of',
  parentOf: 'Parent of',
  childOf: 'Child of',
  memberOf: 'Member of',
  hasMember: 'Has member',
};

/** A string field of `spec`, or `undefined` when absent or not a string. */
export function specString(entity: Entity, key: string): string | undefined {
  const value = entity.spec?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The refs an entity points to through relations of one type. */
export function relatedRefs(entity: Entity, type: string): CompoundEntityRef[] {
  return (entity.relations ?? [])
    .filter((r) => r.type === type)
    .map((r) => parseEntityRef(r.targetRef))
    .filter((r): r is CompoundEntityRef => r !== undefined);
}

/**
 * The entities one relation type points to; the relation is authoritative, the spec field
 * (resolved with Backstage's default kind) covers responses trimmed without `relations`.
 */
export function relationOrSpecRefs(
  entity: Entity,
  relationType: string,
  specKey: string,
  defaultKind: string,
): CompoundEntityRef[] {
  const fromRelations = relatedRefs(entity, relationType).filter(
    (r) => relationType !== 'partOf' || r.kind.toLowerCase() === defaultKind.toLowerCase(),
  );
  if (fromRelations.length) return fromRelations;
  const spec = specString(entity, specKey);
  const ref = spec && parseEntityRef(spec, { kind: defaultKind, namespace: entity.metadata.namespace });
  return ref ? [ref] : [];
}

/** The `url:` target of `backstage.io/source-location`, which is where the entity's code lives. */
export function sourceLocation(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[ANNOTATION.sourceLocation];
  return value?.replace(/^url:/, '');
}

/** Processing errors recorded on the entity. */
export function processingErrors(entity: Entity): EntityStatusItem[] {
  return (entity.status?.items ?? []).filter((item) => item.level === 'error');
}

/** Whether the entity's location no longer claims it, so it stopped receiving updates. */
export function isOrphan(entity: Entity): boolean {
  return entity.metadata.annotations?.[ANNOTATION.orphan] === 'true';
}
