import type { OutputLink } from '../../api/scaffolderApi';
import { entityRoute, humanizeEntityRef, parseEntityRef } from '../../lib/entityRef';
import { safeHref } from '../../lib/safeHref';

/** Where an output link goes: inside the app (router link) or outside (new tab), or nowhere if unsafe. */
export interface ResolvedLink {
  title: string;
  href?: string;
  internal: boolean;
}

/**
 * Resolves a task output link: an `entityRef` opens the entity page; a `url` must be http(s) or a
 * path of this portal (e.g. a download of the published workspace). Anything else is shown as text.
 */
export function resolveOutputLink(link: OutputLink): ResolvedLink {
  if (link.entityRef) {
    const ref = parseEntityRef(link.entityRef, { kind: 'component' });
    if (ref) return { title: link.title || humanizeEntityRef(ref), href: entityRoute(ref), internal: true };
  }
  const url = typeof link.url === 'string' ? link.url.trim() : '';
  // A same-origin path: one leading slash, never `//host` or `/\host`, which browsers treat as another host.
  if (/^\/(?![/\\])/.test(url)) return { title: link.title || url, href: url, internal: !url.startsWith('/api/') };
  return { title: link.title || url || 'Link', href: safeHref(url), internal: false };
}
