import type { Heading } from './markdown';

/** The left nav of a site as the reader shows it. */
export type NavItem = { title: string; path: string } | { title: string; url: string } | { title: string; children: NavItem[] };

/** A table-of-contents entry: an h2 with its h3s. */
export interface TocItem {
  id: string;
  title: string;
  level: number;
  children: TocItem[];
}

/** What the reader knows about one page (see the API contract, `techdocs_nav.json`). */
export interface PageInfo {
  title: string;
  file: string;
  source?: string;
  edit_url?: string;
  toc: TocItem[];
}

/** `techdocs_nav.json`: nav, per-page titles and tables of contents. */
export interface SiteNav {
  site_name: string;
  site_description?: string;
  repo_url?: string;
  nav: NavItem[];
  pages: Record<string, PageInfo>;
}

/** `techdocs_metadata.json`, as Backstage's techdocs-cli writes it. */
export interface SiteMetadata {
  site_name: string;
  site_description?: string;
  build_timestamp: number;
  files: string[];
  etag: string;
}

/** A page's searchable text, one search document per page. */
export interface SearchPage {
  path: string;
  title: string;
  text: string;
}

/** A built site: every file to store, plus its metadata, nav and search documents. */
export interface BuiltSite {
  files: Map<string, Uint8Array>;
  metadata: SiteMetadata;
  nav: SiteNav;
  pages: SearchPage[];
}

/** Names of the files every site carries besides its pages and assets. */
export const METADATA_FILE = 'techdocs_metadata.json';
export const NAV_FILE = 'techdocs_nav.json';

/** h2 entries with their h3s nested, from a page's headings. */
export function tableOfContents(headings: Heading[]): TocItem[] {
  const toc: TocItem[] = [];
  for (const h of headings) {
    if (h.level === 2) toc.push({ id: h.id, title: h.title, level: 2, children: [] });
    else if (h.level === 3) {
      const item = { id: h.id, title: h.title, level: 3, children: [] };
      const parent = toc[toc.length - 1];
      if (parent) parent.children.push(item);
      else toc.push(item);
    }
  }
  return toc;
}

/** Text escaped for HTML content and double-quoted attributes. */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A page's HTML document around already-sanitized content: the one shape every stored page has. */
export function pageDocument(title: string, siteName: string, sanitizedContent: string): string {
  const head = title === siteName ? escapeHtml(title) : `${escapeHtml(title)} · ${escapeHtml(siteName)}`;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${head}</title></head>\n<body><article class="md-content__inner md-typeset gr-doc">\n${sanitizedContent}\n</article></body></html>\n`;
}

const encoder = new TextEncoder();

/** Adds the metadata and nav files to a site's files and lists every file in the metadata. */
export function finishSite(files: Map<string, Uint8Array>, meta: Omit<SiteMetadata, 'files'>, nav: SiteNav, pages: SearchPage[]): BuiltSite {
  files.set(NAV_FILE, encoder.encode(JSON.stringify(nav)));
  const metadata: SiteMetadata = { ...meta, files: [...files.keys(), METADATA_FILE].sort() };
  files.set(METADATA_FILE, encoder.encode(JSON.stringify(metadata)));
  return { files, metadata, nav, pages };
}
