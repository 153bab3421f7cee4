import { isValidEntityName, isValidNamespace } from '../catalog/model/format';
import { InputError } from '../lib/errors';
import { sitePathProblem } from './render/safe-path';

/** The entity a documentation site belongs to, lowercased as its R2 prefix and refs use it. */
export interface DocsEntity {
  namespace: string;
  kind: string;
  name: string;
}

/**
 * Checks a file path inside a site (already percent-decoded exactly once) and returns the file
 * it names: an empty path and a trailing `/` name the folder's `index.html`. Throws InputError
 * for anything sitePathProblem refuses.
 */
export function checkSitePath(path: string): string {
  const full = path === '' || path.endsWith('/') ? `${path}index.html` : path;
  const problem = sitePathProblem(full);
  if (problem) throw new InputError(`Documentation path contains ${problem}`);
  return full;
}

/**
 * Decodes the raw (still percent-encoded) file path of a request exactly once, segment by
 * segment, refusing encoded slashes and backslashes and malformed escapes, then checks it.
 */
export function decodeSitePath(raw: string): string {
  const segments = raw.split('/').map((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new InputError('Documentation path contains a malformed percent escape');
    }
    if (decoded.includes('/') || decoded.includes('\\')) throw new InputError('Documentation path contains an encoded slash');
    return decoded;
  });
  return checkSitePath(segments.join('/'));
}

/**
 * Validates the namespace/kind/name triplet of a docs URL and lowercases it. Each part must be
 * what the catalog accepts (a DNS label namespace, a kind and name of `[a-zA-Z0-9]` runs joined by
 * `-_.`), so no key is ever built from anything else.
 */
export function checkDocsEntity(namespace: string, kind: string, name: string): DocsEntity {
  if (!isValidNamespace(namespace.toLowerCase())) throw new InputError(`Invalid namespace "${namespace}" in documentation URL`);
  if (!isValidEntityName(kind) || kind.includes('.')) throw new InputError(`Invalid kind "${kind}" in documentation URL`);
  if (!isValidEntityName(name)) throw new InputError(`Invalid name "${name}" in documentation URL`);
  return { namespace: namespace.toLowerCase(), kind: kind.toLowerCase(), name: name.toLowerCase() };
}

/** The entity ref of a docs entity, as the catalog stores refs (`kind:namespace/name`, lowercased). */
export const docsEntityRef = (e: DocsEntity) => `${e.kind}:${e.namespace}/${e.name}`;

/** The R2 prefix of an entity's site: `<namespace>/<kind>/<name>/`. */
export const sitePrefix = (e: DocsEntity) => `${e.namespace}/${e.kind}/${e.name}/`;

/** The R2 key of a file of an entity's site; the path is checked again here, whoever calls. */
export const siteKey = (e: DocsEntity, path: string) => sitePrefix(e) + checkSitePath(path);
