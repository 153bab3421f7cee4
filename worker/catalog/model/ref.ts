import { DEFAULT_NAMESPACE, type CompoundEntityRef, type Entity } from './entity';

/** Defaults applied to the parts a reference leaves out. */
export interface EntityRefContext {
  defaultKind?: string;
  defaultNamespace?: string;
}

/** A reference given as parts; kind and namespace may come from the context. */
export interface PartialEntityRef {
  kind?: string;
  namespace?: string;
  name: string;
}

function splitRefString(ref: string): PartialEntityRef {
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  // A slash before the first colon means that colon belongs to the name, as in Backstage.
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    throw new TypeError(`Entity reference "${ref}" was not on the form [<kind>:][<namespace>/]<name>`);
  }
  return { ...(kind !== undefined ? { kind } : {}), ...(namespace !== undefined ? { namespace } : {}), name };
}

function describe(ref: string | PartialEntityRef): string {
  return typeof ref === 'string' ? `"${ref}"` : JSON.stringify(ref);
}

/** Parses `[kind:][namespace/]name` (or parts of a ref) into a full ref, taking missing parts from the context. */
export function parseEntityRef(
  ref: string | PartialEntityRef,
  context: EntityRefContext = {},
): CompoundEntityRef {
  if (typeof ref !== 'string' && (typeof ref !== 'object' || ref === null)) {
    throw new TypeError(`Entity reference must be a string or an object, got ${ref === null ? 'null' : typeof ref}`);
  }
  const parts = typeof ref === 'string' ? splitRefString(ref) : ref;
  if (typeof parts.name !== 'string' || parts.name === '') {
    throw new TypeError(`Entity reference ${describe(ref)} had missing or empty name`);
  }
  const kind = parts.kind ?? context.defaultKind;
  if (typeof kind !== 'string' || kind === '') {
    throw new TypeError(
      `Entity reference ${describe(ref)} had missing or empty kind (e.g. did not start with "component:" or similar)`,
    );
  }
  const namespace = parts.namespace ?? context.defaultNamespace ?? DEFAULT_NAMESPACE;
  if (typeof namespace !== 'string' || namespace === '') {
    throw new TypeError(`Entity reference ${describe(ref)} had an empty namespace`);
  }
  return { kind, namespace, name: parts.name };
}

function isEntity(value: PartialEntityRef | Entity): value is Entity {
  return 'metadata' in value;
}

/** Prints a ref (or an entity's ref) as lowercased `kind:namespace/name`, the form refs are compared and stored in. */
export function stringifyEntityRef(ref: PartialEntityRef | Entity): string {
  const { kind, namespace, name } = isEntity(ref) ? getCompoundEntityRef(ref) : ref;
  if (!kind) throw new TypeError(`Entity reference ${JSON.stringify(ref)} had missing or empty kind`);
  return `${kind}:${namespace || DEFAULT_NAMESPACE}/${name}`.toLowerCase();
}

/** The kind, namespace (defaulted) and name of an entity, with their original case. */
export function getCompoundEntityRef(entity: Entity): CompoundEntityRef {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  };
}
