import { InputError } from '../../lib/errors';
import { contentTypeOf } from '../content-types';
import { sanitizeDocsHtml } from '../sanitize';
import { dirOf } from '../render/links';
import { finishSite, METADATA_FILE, NAV_FILE, pageDocument, tableOfContents, type BuiltSite, type NavItem, type PageInfo, type SearchPage } from '../render/site-files';
import type { Heading } from '../render/markdown';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
const textOf = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/¶/g, '').replace(/\s+/g, ' ').trim();

/** The part of an uploaded page that is its content: MkDocs' `<article class="md-content__inner">`, else `<main>`, else `<body>`. */
export function contentOf(html: string): string {
  const open = /<article\b[^>]*class\s*=\s*["'][^"']*\bmd-content__inner\b[^>]*>/i.exec(html) ?? /<main\b[^>]*>/i.exec(html) ?? /<body\b[^>]*>/i.exec(html);
  if (!open) return html;
  const tag = /^<(\w+)/.exec(open[0])![1]!.toLowerCase();
  // The matching close tag: count nested tags of the same name after the opening one.
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  re.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(open.index + open[0].length, m.index);
  }
  return html.slice(open.index + open[0].length);
}

/** Headings of sanitized HTML that carry ids (MkDocs gives h2/h3 ids), for the table of contents. */
function headingsOf(html: string): { h1?: string; headings: Heading[] } {
  const headings: Heading[] = [];
  let h1: string | undefined;
  for (const m of html.matchAll(/<h([1-6])\b([^>]*)>([\s\S]*?)<\/h\1>/gi)) {
    const level = Number(m[1]);
    const title = textOf(m[3]!);
    if (level === 1) h1 ??= title;
    const id = /\bid="([^"]*)"/.exec(m[2]!)?.[1];
    if (id) headings.push({ id: decodeEntities(id), title, level });
  }
  return { h1, headings };
}

/** The page URL path of an HTML file: `a/b/index.html` → `a/b/`, `a/page.html` stays. */
const pageUrlOfFile = (file: string) => (/(^|\/)index\.html$/i.test(file) ? dirOf(file) : file);

interface SearchIndex {
  docs?: { location?: unknown; title?: unknown }[];
}

/** Page URLs in the order MkDocs' search index lists them (which follows its nav), with their titles. */
function searchIndexOrder(files: Map<string, Uint8Array>): Map<string, string> {
  const order = new Map<string, string>();
  const raw = files.get('search/search_index.json');
  if (!raw) return order;
  try {
    const index = JSON.parse(decoder.decode(raw)) as SearchIndex;
    for (const doc of index.docs ?? []) {
      if (typeof doc.location !== 'string' || doc.location.includes('#') || typeof doc.title !== 'string') continue;
      if (!order.has(doc.location)) order.set(doc.location, textOf(doc.title));
    }
  } catch {
    // A broken search index only costs the nav its order.
  }
  return order;
}

/** Pages grouped by folder into a nav: top-level pages first, then one section per folder. */
function navOf(pages: { url: string; title: string }[]): NavItem[] {
  const root: NavItem[] = [];
  const sections = new Map<string, NavItem[]>();
  for (const page of pages) {
    const folder = page.url.split('/').length > 2 ? page.url.split('/')[0]! : '';
    if (!folder) root.push({ title: page.url === '' ? 'Home' : page.title, path: page.url });
    else {
      if (!sections.has(folder)) {
        const children: NavItem[] = [];
        sections.set(folder, children);
        root.push({ title: folder.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase()), children });
      }
      sections.get(folder)!.push({ title: page.title, path: page.url });
    }
  }
  return root;
}

const MAX_NAV_DEPTH = 6;

/** A nav tree from an uploaded `techdocs_nav.json` (the CLI's build), kept only if every item is well-formed. */
function checkedNav(value: unknown, pages: ReadonlySet<string>, depth = 0): NavItem[] | undefined {
  if (!Array.isArray(value) || depth > MAX_NAV_DEPTH || value.length > 500) return undefined;
  const items: NavItem[] = [];
  for (const raw of value as Record<string, unknown>[]) {
    if (!raw || typeof raw !== 'object' || typeof raw.title !== 'string' || raw.title.length > 300) return undefined;
    const title = raw.title;
    if (typeof raw.path === 'string' && pages.has(raw.path)) items.push({ title, path: raw.path });
    else if (typeof raw.url === 'string' && /^https?:\/\//i.test(raw.url)) items.push({ title, url: raw.url });
    else if (raw.children !== undefined) {
      const children = checkedNav(raw.children, pages, depth + 1);
      if (!children) return undefined;
      items.push({ title, children });
    } else return undefined;
  }
  return items;
}

/** What an uploaded `techdocs_nav.json` may contribute: its nav, repository URL and edit links (https only). */
function uploadedNav(files: Map<string, Uint8Array>, pages: ReadonlySet<string>): { nav?: NavItem[]; repoUrl?: string; editUrls: Map<string, string> } {
  const raw = files.get(NAV_FILE);
  const editUrls = new Map<string, string>();
  if (!raw) return { editUrls };
  let doc: { nav?: unknown; repo_url?: unknown; pages?: Record<string, { edit_url?: unknown }> };
  try {
    doc = JSON.parse(decoder.decode(raw)) as typeof doc;
  } catch {
    return { editUrls };
  }
  const https = (v: unknown) => (typeof v === 'string' && /^https:\/\//i.test(v) && v.length < 2000 ? v : undefined);
  for (const [path, info] of Object.entries(doc.pages ?? {})) {
    const url = https(info?.edit_url);
    if (pages.has(path) && url) editUrls.set(path, url);
  }
  return { nav: checkedNav(doc.nav, pages), repoUrl: https(doc.repo_url), editUrls };
}

/** Site name and description from an uploaded techdocs_metadata.json, if it has one. */
function uploadedMetadata(files: Map<string, Uint8Array>): { site_name?: string; site_description?: string; etag?: string } {
  const raw = files.get(METADATA_FILE);
  if (!raw) return {};
  try {
    const m = JSON.parse(decoder.decode(raw)) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 300) : undefined);
    return { site_name: str(m.site_name), site_description: str(m.site_description), etag: str(m.etag) };
  } catch {
    throw new InputError(`${METADATA_FILE} in the archive is not valid JSON`);
  }
}

/** Drops one top folder every file is in (an archive of `site/` rather than of its contents). */
function stripTopFolder(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const tops = new Set([...files.keys()].map((p) => (p.includes('/') ? p.split('/')[0]! : '')));
  const [top] = tops;
  if (tops.size !== 1 || !top) return files;
  return new Map([...files].map(([p, d]) => [p.slice(top.length + 1), d]));
}

/**
 * Turns an uploaded `techdocs-cli generate` site into the stored shape: every HTML page's
 * content (the MkDocs article) sanitized and put in the standard page document, scripts and
 * files of types never served dropped, nav and tables of contents derived, and
 * `techdocs_metadata.json` rewritten with the build time and etag (the uploaded one, else the
 * archive's hash).
 */
export function normalizeUploadedSite(archive: Map<string, Uint8Array>, options: { defaultSiteName: string; etag: string; now?: number }): BuiltSite {
  const files = stripTopFolder(archive);
  const meta = uploadedMetadata(files);
  const siteName = meta.site_name ?? options.defaultSiteName;
  const out = new Map<string, Uint8Array>();
  const pages: Record<string, PageInfo> = {};
  const search: SearchPage[] = [];
  const found: { url: string; title: string }[] = [];
  const order = searchIndexOrder(files);
  for (const [path, data] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (path === METADATA_FILE || path === NAV_FILE || !contentTypeOf(path)) continue;
    if (!/\.html$/i.test(path)) {
      out.set(path, data);
      continue;
    }
    const html = decoder.decode(data);
    const content = sanitizeDocsHtml(contentOf(html));
    const { h1, headings } = headingsOf(content);
    const docTitle = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1];
    const url = pageUrlOfFile(path);
    const title = (order.get(url) || h1 || (docTitle && textOf(docTitle).split(' - ')[0]) || url || siteName).slice(0, 300);
    out.set(path, encoder.encode(pageDocument(title, siteName, content)));
    if (/(^|\/)404\.html$/i.test(path)) continue;
    pages[url] = { title, file: path, toc: tableOfContents(headings) };
    search.push({ path: url, title, text: textOf(content) });
    found.push({ url, title });
  }
  if (found.length === 0) throw new InputError('The archive contains no HTML pages (expected the output folder of techdocs-cli generate)');
  const position = new Map([...order.keys()].map((url, i) => [url, i]));
  const rank = (url: string) => position.get(url) ?? order.size;
  found.sort((a, b) => rank(a.url) - rank(b.url) || (a.url === '' ? -1 : b.url === '' ? 1 : a.url < b.url ? -1 : 1));
  const etag = meta.etag ?? options.etag;
  // A site built by this project's CLI carries its mkdocs nav and edit links; others get one from their pages.
  const given = uploadedNav(files, new Set(found.map((f) => f.url)));
  for (const [path, url] of given.editUrls) pages[path]!.edit_url = url;
  return finishSite(
    out,
    { site_name: siteName, ...(meta.site_description ? { site_description: meta.site_description } : {}), build_timestamp: options.now ?? Date.now(), etag },
    {
      site_name: siteName,
      ...(meta.site_description ? { site_description: meta.site_description } : {}),
      ...(given.repoUrl ? { repo_url: given.repoUrl } : {}),
      nav: given.nav ?? navOf(found),
      pages,
    },
    search,
  );
}
