import type { DocsPageInfo } from '../../api/techdocsApi';
import type { Entity } from '../../api/types';
import { parseGithubUrl } from '../../lib/githubUrl';
import { safeHref } from '../../lib/safeHref';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';
const SOURCE_LOCATION = 'backstage.io/source-location';
const EDIT_URL = 'backstage.io/edit-url';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

/** Whether the entity declares docs (`backstage.io/techdocs-ref`). */
export function hasTechDocs(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[TECHDOCS_REF]?.trim());
}

const urlOf = (value: string | undefined) => value?.trim().replace(/^url:/, '');

/** A GitHub https URL split into repository and the folder it points at (`/tree|blob|edit/<ref>/<path>`). */
function githubFolder(url: string | undefined): { base: string; ref: string; folder: string[] } | undefined {
  // Only GitHub (or GitHub Enterprise) has the /edit/<ref>/<path> page this link leads to.
  const github = url ? parseGithubUrl(url) : undefined;
  if (!github || github.url.protocol !== 'https:') return undefined;
  const { mode, ref, path } = github;
  const base = `${github.url.origin}/${github.owner}/${github.repo}`;
  if (!mode) return { base, ref: 'HEAD', folder: [] };
  if (!['tree', 'blob', 'edit'].includes(mode) || !ref) return undefined;
  // blob/edit URLs name a file (catalog-info.yaml): its folder is what `dir:` is relative to.
  const folder = mode === 'tree' || github.url.pathname.endsWith('/') ? path : path.slice(0, -1);
  return { base, ref, folder };
}

/** Joins folder segments with a relative path, resolving `.` and `..` (never above the repository). */
function joinPath(folder: string[], relative: string): string[] {
  const out = [...folder];
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

/**
 * The "edit this page" URL of a docs page: the server's `edit_url` when it knows the repository,
 * else derived from the entity's `techdocs-ref` (`dir:` relative to where the descriptor lives,
 * or `url:`) and the page's Markdown source. Only http(s) URLs are returned.
 */
export function editPageHref(entity: Entity, page: DocsPageInfo | undefined): string | undefined {
  if (!page) return undefined;
  const explicit = safeHref(page.edit_url);
  if (explicit) return explicit;
  if (!page.source) return undefined;
  const annotations = entity.metadata.annotations ?? {};
  const techdocsRef = annotations[TECHDOCS_REF]?.trim() ?? '';
  let root: { base: string; ref: string; folder: string[] } | undefined;
  if (techdocsRef.startsWith('url:')) {
    root = githubFolder(urlOf(techdocsRef));
  } else if (techdocsRef.startsWith('dir:')) {
    const from =
      githubFolder(urlOf(annotations[EDIT_URL])) ??
      githubFolder(urlOf(annotations[MANAGED_BY_LOCATION])) ??
      githubFolder(urlOf(annotations[SOURCE_LOCATION]));
    root = from && { ...from, folder: joinPath(from.folder, techdocsRef.slice('dir:'.length)) };
  }
  if (!root) return undefined;
  const path = joinPath(root.folder, page.source).map(encodeURIComponent).join('/');
  return safeHref(`${root.base}/edit/${encodeURIComponent(root.ref)}/${path}`);
}
