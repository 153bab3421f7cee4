import { ANNOTATION, DEFAULT_NAMESPACE, type Entity } from '../model/entity';
import { stringifyEntityRef } from '../model/ref';
import { deriveRelations } from '../model/relations';
import { isKindAllowed, type CatalogRule } from '../model/rules';
import { validateEntity, validateEnvelope } from '../model/validate';
import { MAX_PLACEHOLDER_READS, PlaceholderError, resolvePlaceholders } from './placeholders';
import { ReaderError, type UrlReader } from './reader';
import { githubUrlOfType, resolveLocationUrl } from './scm-url';
import type { ChildLocation, DocumentError, LocationOutput, ProcessedEntity } from './types';
import { parseDocuments } from './yaml';

/** What processing one location key needs. */
export interface ProcessContext {
  /** `url:<absolute url>`: the file to read, and the key its entities are managed by. */
  locationKey: string;
  /** Key of the registered location this one descends from. */
  originKey: string;
  reader: UrlReader;
  rules: CatalogRule[];
}

const URL_KEY_PREFIX = 'url:';

interface FileContext extends ProcessContext {
  target: string;
  budget: { reads: number };
  /** The file's SCM annotations, the same for every entity it holds. */
  annotations: Record<string, string>;
}

function targetOf(locationKey: string): string {
  if (!locationKey.startsWith(URL_KEY_PREFIX)) {
    const type = locationKey.split(':', 1)[0];
    throw new ReaderError('not-allowed', locationKey, `Locations of type "${type}" cannot be read; only url locations are`);
  }
  return locationKey.slice(URL_KEY_PREFIX.length);
}

/** view-url, edit-url and source-location for a file URL, as Backstage's location annotator sets them. */
function scmAnnotations(target: string, githubHosts: ReadonlySet<string> | undefined): Record<string, string> {
  const annotations: Record<string, string> = { [ANNOTATION.viewUrl]: target };
  const editUrl = githubUrlOfType(target, 'edit', githubHosts);
  if (editUrl) annotations[ANNOTATION.editUrl] = editUrl;
  const treeUrl = githubUrlOfType(target, 'tree', githubHosts);
  if (treeUrl) annotations[ANNOTATION.sourceLocation] = `${URL_KEY_PREFIX}${resolveLocationUrl('./', treeUrl, githubHosts)}`;
  return annotations;
}

/**
 * The entity as the catalog stores it: namespace defaulted, location annotations added (the
 * managed-by pair always ours, the SCM links only where the descriptor has none), and the
 * catalog-owned `relations` and `status` left out.
 */
function withCatalogFields(entity: Entity, keys: { locationKey: string; originKey: string }, defaults: Record<string, string>): Entity {
  const { metadata } = entity;
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: {
      ...metadata,
      namespace: metadata.namespace ?? DEFAULT_NAMESPACE,
      annotations: {
        ...defaults,
        ...metadata.annotations,
        [ANNOTATION.managedByLocation]: keys.locationKey,
        [ANNOTATION.managedByOriginLocation]: keys.originKey,
      },
    },
    ...(entity.spec !== undefined ? { spec: entity.spec } : {}),
  };
}

/**
 * An entity an integration provides (not read from a file) as the catalog stores it: validated,
 * annotated as managed by `keys`, with its relations. Written with the store's `writeLocation`.
 */
export function providedEntity(raw: unknown, keys: { locationKey: string; originKey: string }): ProcessedEntity | DocumentError {
  const result = validateEntity(raw);
  if (!result.ok) return { ...(result.ref ? { ref: result.ref } : {}), rule: result.rule, message: result.message };
  const entity = withCatalogFields(result.entity, keys, {});
  return { entity, ref: stringifyEntityRef(entity), relations: deriveRelations(entity) };
}

/** A Location entity's targets, relative ones resolved against the file; the type defaults to the file's (`url`). */
function locationChildren(entity: Entity, ref: string, fileUrl: string, githubHosts: ReadonlySet<string> | undefined): ChildLocation[] {
  const spec = entity.spec ?? {};
  const type = typeof spec.type === 'string' ? spec.type : 'url';
  const targets = [spec.target, ...(Array.isArray(spec.targets) ? spec.targets : [])].filter(
    (t): t is string => typeof t === 'string',
  );
  return targets.map((t) => {
    let target = t;
    if (type === 'url') {
      // A target no URL can be formed from is passed on as written; reading it then fails visibly.
      try {
        target = resolveLocationUrl(t, fileUrl, githubHosts);
      } catch {
        target = t;
      }
    }
    return { type, target, parentRef: ref };
  });
}

async function processDocument(
  value: unknown,
  docIndex: number,
  ctx: FileContext,
): Promise<ProcessedEntity | DocumentError> {
  const envelope = validateEnvelope(value);
  if (!envelope.ok) return { docIndex, rule: envelope.rule, message: envelope.message };
  const { ref } = envelope;
  let resolved: unknown;
  try {
    resolved = await resolvePlaceholders(value, { baseUrl: ctx.target, reader: ctx.reader, budget: ctx.budget });
  } catch (e) {
    if (!(e instanceof PlaceholderError)) throw e;
    return { docIndex, ref, rule: 'placeholder', message: e.message };
  }
  const result = validateEntity(resolved);
  if (!result.ok) return { docIndex, ref, rule: result.rule, message: result.message };
  // Rules come after validation so a kind nobody knows reads `unknown-kind`, whatever the rules say.
  if (!isKindAllowed(ctx.rules, result.entity.kind, { type: 'url', target: ctx.target })) {
    return {
      docIndex,
      ref,
      rule: 'rule:not-allowed',
      message: `Entity ${ref} at ${ctx.locationKey}, originated at ${ctx.originKey}, is not of an allowed kind for that location`,
    };
  }
  const entity = withCatalogFields(result.entity, ctx, ctx.annotations);
  return { entity, ref, relations: deriveRelations(entity), docIndex };
}

/**
 * Reads one `url:` location key and turns each document of the file into an entity or an error
 * of its own, and Location entities' targets into child locations. A failure to read the file
 * itself throws ReaderError. Of two documents with the same ref, the second is an error.
 */
export async function processLocation(context: ProcessContext): Promise<LocationOutput> {
  const target = targetOf(context.locationKey);
  const text = await context.reader.read(target);
  const ctx: FileContext = { ...context, target, budget: { reads: MAX_PLACEHOLDER_READS }, annotations: scmAnnotations(target, context.reader.githubHosts) };
  const output: LocationOutput = { entities: [], errors: [], children: [] };
  const docOfRef = new Map<string, number>();
  const childKeys = new Set<string>();
  for (const doc of parseDocuments(text)) {
    if (doc.error) {
      output.errors.push(doc.error);
      continue;
    }
    const result = await processDocument(doc.value, doc.docIndex, ctx);
    if (!('entity' in result)) {
      output.errors.push(result);
      continue;
    }
    const first = docOfRef.get(result.ref);
    if (first !== undefined) {
      output.errors.push({
        docIndex: doc.docIndex,
        ref: result.ref,
        rule: 'duplicate-ref',
        message: `Entity ${result.ref} is defined twice in ${target} (documents ${first} and ${doc.docIndex}); the first is kept`,
      });
      continue;
    }
    docOfRef.set(result.ref, doc.docIndex);
    output.entities.push(result);
    if (result.entity.kind !== 'Location') continue;
    for (const child of locationChildren(result.entity, result.ref, target, ctx.reader.githubHosts)) {
      const key = `${child.type}:${child.target}`;
      if (childKeys.has(key)) continue;
      childKeys.add(key);
      output.children.push(child);
    }
  }
  return output;
}
