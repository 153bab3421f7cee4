import type { Entity } from '../api/types';

/** The namespace of refs that name none. */
export const DEFAULT_NAMESPACE = 'default';

/** The three parts that identify an entity. */
export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** Parses `[kind:][namespace/]name`, filling missing parts from `defaults`; `undefined` if no kind can be found. */
export function parseEntityRef(
  ref: string,
  defaults: { kind?: string; namespace?: string } = {},
): CompoundEntityRef | undefined {
  const colon = ref.indexOf(':');
  const kind = colon > 0 ? ref.slice(0, colon) : defaults.kind;
  const rest = colon > 0 ? ref.slice(colon + 1) : ref;
  const slash = rest.indexOf('/');
  const namespace = slash > 0 ? rest.slice(0, slash) : defaults.namespace ?? DEFAULT_NAMESPACE;
  const name = slash > 0 ? rest.slice(slash + 1) : rest;
  if (!kind || !name) return undefined;
  return { kind, namespace, name };
}

/** The compound ref of an entity. */
export function getCompoundEntityRef(entity: Entity): CompoundEntityRef {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  };
}

/** The canonical string of a ref, lowercase `kind:namespace/name`, as the server stores and filters by it. */
export function stringifyEntityRef(ref: CompoundEntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
}

/** A short label for a ref: kind dropped when it is the expected one, namespace when it is `default`. */
export function humanizeEntityRef(ref: CompoundEntityRef, options: { defaultKind?: string } = {}): string {
  const kind = options.defaultKind?.toLowerCase() === ref.kind.toLowerCase() ? '' : `${ref.kind.toLowerCase()}:`;
  const namespace = ref.namespace.toLowerCase() === DEFAULT_NAMESPACE ? '' : `${ref.namespace}/`;
  return `${kind}${namespace}${ref.name}`;
}

/** The app path of an entity page, `/catalog/:namespace/:kind/:name` as in Backstage. */
export function entityRoute(ref: CompoundEntityRef): string {
  const parts = [ref.namespace.toLowerCase(), ref.kind.toLowerCase(), ref.name];
  return `/catalog/${parts.map(encodeURIComponent).join('/')}`;
}
