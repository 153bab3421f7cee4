import { entityRoute, type CompoundEntityRef } from '../../lib/entityRef';
import { encodeSitePath } from './docsPaths';

const triplet = (ref: CompoundEntityRef) => [ref.namespace, ref.kind, ref.name].map((p) => encodeURIComponent(p.toLowerCase())).join('/');
const anchor = (hash?: string) => (hash ? `#${encodeURIComponent(hash)}` : '');

/** The standalone reader's URL of a page, as Backstage spells it: `/docs/:namespace/:kind/:name/<page>`. */
export function docsReaderHref(ref: CompoundEntityRef, pagePath: string, hash?: string): string {
  return `/docs/${triplet(ref)}/${encodeSitePath(pagePath)}${anchor(hash)}`;
}

/** The entity page's Docs tab showing a page: `/catalog/:namespace/:kind/:name/docs?page=<page>`. */
export function docsTabHref(ref: CompoundEntityRef, pagePath: string, hash?: string): string {
  const page = pagePath ? `?page=${encodeURIComponent(pagePath)}` : '';
  return `${entityRoute(ref)}/docs${page}${anchor(hash)}`;
}

/** The anchor of the URL's `#fragment`, decoded. */
export function readerHash(hash: string): string {
  const raw = hash.replace(/^#/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
