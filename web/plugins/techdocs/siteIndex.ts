import { techdocsApi, type DocsSiteRef, type TechDocsNav } from '../../api/techdocsApi';
import { pageSections } from './renderDocsPage';
import type { DocsSection } from './siteSearch';

const PARALLEL = 4;
const cache = new Map<string, Promise<DocsSection[]>>();

async function load(ref: DocsSiteRef, nav: TechDocsNav): Promise<DocsSection[]> {
  const pages = Object.entries(nav.pages);
  const sections: DocsSection[][] = new Array(pages.length);
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const i = next++;
      const entry = pages[i];
      if (!entry) continue;
      const [path, info] = entry;
      // One unreadable page should not make the rest of the site unsearchable.
      const html = await techdocsApi.pageHtml(ref, info.file).catch(() => '');
      sections[i] = html ? pageSections(html, path, info.title) : [];
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, pages.length) }, worker));
  return sections.flat();
}

/**
 * The searchable sections of every page of a site, fetched once per site version (`version` is
 * the site's etag or build time) and kept for the session, so searching again costs nothing.
 */
export function siteSections(ref: DocsSiteRef, nav: TechDocsNav, version: string): Promise<DocsSection[]> {
  const key = `${ref.namespace}/${ref.kind}/${ref.name}`.toLowerCase() + `@${version}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = load(ref, nav);
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
  }
  return entry;
}
