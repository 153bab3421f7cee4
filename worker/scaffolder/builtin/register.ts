import { parse } from 'yaml';
import { providedEntity } from '../../catalog/ingest/process';
import type { DocumentError, ProcessedEntity } from '../../catalog/ingest/types';
import { CatalogStore } from '../../catalog/store/store';
import { BUILTIN_FILES } from './files.generated';

/** The location key the built-in templates are written under (refreshing it replaces them all). */
const BUILTIN_LOCATION_KEY = 'scaffolder-builtin:templates';

/** Annotation marking a built-in template and naming the folder its files are read from. */
export const BUILTIN_ANNOTATION = 'greenroom.dev/builtin-template';

/** The Template entities of templates/ (parsed from the bundled files), ready for the catalog. */
function builtinTemplates(): { entities: ProcessedEntity[]; errors: DocumentError[] } {
  return (parsed ??= parseBuiltins());
}

/** Whether an entity ref (`template:default/x`, as stringifyEntityRef writes it) names a built-in template. */
export function isBuiltinTemplate(ref: string): boolean {
  return builtinTemplates().entities.some((e) => e.ref === ref);
}

let parsed: { entities: ProcessedEntity[]; errors: DocumentError[] } | undefined;

function parseBuiltins(): { entities: ProcessedEntity[]; errors: DocumentError[] } {
  const entities: ProcessedEntity[] = [];
  const errors: DocumentError[] = [];
  for (const [path, content] of Object.entries(BUILTIN_FILES)) {
    const m = /^([^/]+)\/template\.yaml$/.exec(path);
    if (!m || typeof content !== 'string') continue;
    const raw = parse(content) as { metadata?: { annotations?: Record<string, string> } };
    raw.metadata = { ...raw.metadata, annotations: { ...raw.metadata?.annotations, [BUILTIN_ANNOTATION]: `builtin:/templates/${m[1]}/template.yaml` } };
    const result = providedEntity(raw, { locationKey: BUILTIN_LOCATION_KEY, originKey: BUILTIN_LOCATION_KEY });
    if ('entity' in result) entities.push(result);
    else errors.push(result);
  }
  return { entities, errors };
}

let writtenByThisIsolate = false;

/**
 * Makes sure the built-in templates are in the catalog: written on the first call in each
 * isolate (a deployment brings new isolates, so edited templates replace old ones and removed
 * ones go), and written again whenever one has gone missing (an emptied catalog).
 */
export async function ensureBuiltinTemplates(store: CatalogStore): Promise<void> {
  const { entities, errors } = builtinTemplates();
  // Unscoped: whether they exist does not depend on who asks.
  const all = new CatalogStore(store.db);
  if (writtenByThisIsolate && (await all.readByRefs(entities.map((e) => e.ref))).every(Boolean)) return;
  await all.writeLocation({ locationKey: BUILTIN_LOCATION_KEY, originKey: BUILTIN_LOCATION_KEY, output: { entities, errors, children: [] }, orphanStrategy: 'delete' });
  writtenByThisIsolate = true;
}
