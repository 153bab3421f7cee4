import type { Entity } from '../../api/types';
import { getCompoundEntityRef, stringifyEntityRef } from '../../lib/entityRef';

/** A pair of relation types that describe one edge from both ends; the graph draws it once, as `forward`. */
export interface RelationPair {
  id: string;
  label: string;
  forward: string;
  reverse: string;
}

/** The relation pairs the graph knows, in the order its filter lists them. */
export const RELATION_PAIRS: readonly RelationPair[] = [
  { id: 'ownership', label: 'Ownership', forward: 'ownedBy', reverse: 'ownerOf' },
  { id: 'parts', label: 'Part of', forward: 'partOf', reverse: 'hasPart' },
  { id: 'provides', label: 'Provides API', forward: 'providesApi', reverse: 'apiProvidedBy' },
  { id: 'consumes', label: 'Consumes API', forward: 'consumesApi', reverse: 'apiConsumedBy' },
  { id: 'dependencies', label: 'Depends on', forward: 'dependsOn', reverse: 'dependencyOf' },
  { id: 'membership', label: 'Member of', forward: 'memberOf', reverse: 'hasMember' },
  { id: 'hierarchy', label: 'Child of', forward: 'childOf', reverse: 'parentOf' },
];

const PAIR_OF_TYPE = new Map<string, { pair: RelationPair; reversed: boolean }>(
  RELATION_PAIRS.flatMap((pair) => [
    [pair.forward, { pair, reversed: false }],
    [pair.reverse, { pair, reversed: true }],
  ]),
);

/** A node of the graph: an entity, or a ref the catalog does not hold (`entity` undefined). */
export interface GraphNode {
  ref: string;
  kind: string;
  name: string;
  title: string;
  /** Hops from the nearest root. */
  distance: number;
  entity?: Entity;
}

/** A directed edge, always in the `forward` direction of its pair (e.g. component → ownedBy → group). */
export interface GraphEdge {
  from: string;
  to: string;
  type: string;
  pairId: string;
}

/** The normalised string ref (`kind:namespace/name`, lowercased) of an entity. */
export function refOf(entity: Entity): string {
  return stringifyEntityRef(getCompoundEntityRef(entity));
}

/** Normalises a string ref given in a URL or relation (`component:payments` → `component:default/payments`). */
export function normaliseRef(ref: string): string {
  const value = ref.trim().toLowerCase();
  const colon = value.indexOf(':');
  if (colon <= 0) return value;
  const rest = value.slice(colon + 1);
  return rest.includes('/') ? value : `${value.slice(0, colon)}:default/${rest}`;
}

function splitRef(ref: string): { kind: string; name: string } {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  return { kind: ref.slice(0, Math.max(colon, 0)), name: ref.slice(slash + 1) };
}

/** Relations of `entity` whose pair is selected, as normalised target refs. */
export function neighbours(entity: Entity, pairIds: ReadonlySet<string>): string[] {
  return (entity.relations ?? [])
    .filter((r) => {
      const known = PAIR_OF_TYPE.get(r.type);
      return known !== undefined && pairIds.has(known.pair.id);
    })
    .map((r) => normaliseRef(r.targetRef));
}

/**
 * The refs one hop further out from `frontier`: every selected relation target not seen yet.
 * `known` maps refs to fetched entities (`null` when the catalog has none).
 */
export function nextFrontier(
  frontier: readonly string[],
  known: ReadonlyMap<string, Entity | null>,
  seen: ReadonlySet<string>,
  pairIds: ReadonlySet<string>,
): string[] {
  const next = new Set<string>();
  for (const ref of frontier) {
    const entity = known.get(ref);
    if (!entity) continue;
    for (const target of neighbours(entity, pairIds)) if (!seen.has(target)) next.add(target);
  }
  return [...next];
}

/**
 * The nodes within `depth` hops of the roots and the edges among them, each relation drawn once
 * however many of its two ends list it.
 */
export function buildGraph(
  roots: readonly string[],
  depth: number,
  known: ReadonlyMap<string, Entity | null>,
  pairIds: ReadonlySet<string>,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const distance = new Map<string, number>();
  let frontier = roots.map(normaliseRef);
  for (const ref of frontier) distance.set(ref, 0);
  for (let hop = 1; hop <= depth; hop++) {
    frontier = nextFrontier(frontier, known, new Set(distance.keys()), pairIds);
    for (const ref of frontier) distance.set(ref, hop);
  }
  const nodes: GraphNode[] = [...distance].map(([ref, d]) => {
    const entity = known.get(ref) ?? undefined;
    const { kind, name } = splitRef(ref);
    return {
      ref,
      kind: entity?.kind ?? kind,
      name: entity?.metadata.name ?? name,
      title: entity?.metadata.title ?? entity?.metadata.name ?? name,
      distance: d,
      entity,
    };
  });
  const edges = new Map<string, GraphEdge>();
  for (const node of nodes) {
    for (const relation of node.entity?.relations ?? []) {
      const known = PAIR_OF_TYPE.get(relation.type);
      const target = normaliseRef(relation.targetRef);
      if (!known || !pairIds.has(known.pair.id) || !distance.has(target) || target === node.ref) continue;
      const [from, to] = known.reversed ? [target, node.ref] : [node.ref, target];
      const key = `${from}|${known.pair.forward}|${to}`;
      if (!edges.has(key)) edges.set(key, { from, to, type: known.pair.forward, pairId: known.pair.id });
    }
  }
  return { nodes, edges: [...edges.values()] };
}
