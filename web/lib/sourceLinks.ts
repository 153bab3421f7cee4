import type { Entity } from '../api/types';
import { parseGithubUrl } from './githubUrl';
import { safeHref } from './safeHref';

const SOURCE_LOCATION = 'backstage.io/source-location';
const EDIT_URL = 'backstage.io/edit-url';
const VIEW_URL = 'backstage.io/view-url';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

/** `url:https://…` location references carry their URL after the type prefix; other types have none. */
function urlOfLocationRef(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^url:(.+)$/.exec(value.trim());
  return match ? match[1] : /^https?:\/\//i.test(value.trim()) ? value.trim() : undefined;
}

/** Splits a GitHub file URL (`/owner/repo/blob/ref/path`) into its parts; `undefined` for anything else. */
function githubFile(url: string): { origin: string; repo: string; ref: string; path: string } | undefined {
  const github = parseGithubUrl(url);
  if (!github || (github.mode !== 'blob' && github.mode !== 'tree') || !github.ref || !github.path.length) return undefined;
  return { origin: github.url.origin, repo: `${github.owner}/${github.repo}`, ref: github.ref, path: github.path.join('/') };
}

/**
 * Where the entity's code can be browsed: `backstage.io/source-location`, else the folder of the
 * GitHub file that describes it (`backstage.io/managed-by-location`). Only http(s) URLs survive.
 */
export function sourceHref(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const explicit = urlOfLocationRef(annotations[SOURCE_LOCATION]);
  if (explicit) return safeHref(explicit);
  const managed = urlOfLocationRef(annotations[MANAGED_BY_LOCATION]);
  const file = managed ? githubFile(managed) : undefined;
  if (!file) return undefined;
  const folder = file.path.split('/').slice(0, -1).join('/');
  return safeHref(`${file.origin}/${file.repo}/tree/${file.ref}/${folder}${folder ? '/' : ''}`);
}

/**
 * Where the entity's descriptor can be edited: `backstage.io/edit-url`, else GitHub's editor for the
 * file in `backstage.io/managed-by-location`. Only http(s) URLs survive.
 */
export function editHref(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (annotations[EDIT_URL]) return safeHref(annotations[EDIT_URL]);
  const managed = urlOfLocationRef(annotations[MANAGED_BY_LOCATION]);
  const file = managed ? githubFile(managed) : undefined;
  return file ? safeHref(`${file.origin}/${file.repo}/edit/${file.ref}/${file.path}`) : undefined;
}

/** `backstage.io/view-url`, when it is an http(s) URL. */
export function viewHref(entity: Entity): string | undefined {
  return safeHref(entity.metadata.annotations?.[VIEW_URL]);
}
