import { hexDigest } from '../../lib/digest';
import { contentTypeOf } from '../content-types';
import { isSafeSitePath } from './safe-path';
import { sanitizeDocsHtml } from '../sanitize';
import { DocsBuildError } from './errors';
import { isIndexPage, normalizePath, pageFileOf, pageUrlOf } from './links';
import { renderPage, type RenderedPage } from './markdown';
import { parseMkdocs, type MkdocsConfig, type NavSource } from './mkdocs';
import { finishSite, pageDocument, tableOfContents, type BuiltSite, type NavItem, type PageInfo, type SearchPage } from './site-files';

/** Limits of one source tree: beyond them a build fails instead of exhausting the Worker. */
export const SOURCE_LIMITS = { files: 3000, bytes: 40 * 1024 * 1024, pageBytes: 2 * 1024 * 1024 };

/** What a build knows besides the files. */
export interface BuildOptions {
  /** Site name when mkdocs.yml has none (the entity's title or name). */
  defaultSiteName: string;
  /** The etag to record (the commit built); a hash of the sources when absent. */
  etag?: string;
  /** `https://…/edit/<branch>/<dir>/` of the docs root in its repository, for "edit this page". */
  editBase?: string;
  /** The repository's web URL. */
  repoUrl?: string;
  /** Milliseconds since epoch to record as the build time. */
  now?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const humanize = (name: string) => {
  const base = name.replace(/\.md$/i, '').replace(/[-_]+/g, ' ').trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
};
const httpsUrl = (v: string | undefined) => (v && /^https?:\/\//i.test(v) ? v : undefined);

/**
 * Whether a file of a docs folder goes into a build: Markdown pages and assets of served types.
 * Pages come from Markdown only, so HTML files are not sources (a stray one would be an
 * unsanitized page); the GitHub build fetches only these.
 */
export const isDocsSource = (path: string) => /\.md$/i.test(path) || (contentTypeOf(path) !== undefined && !/\.html?$/i.test(path));

/** The mkdocs.yml of a source tree, its parsed config, and the docs folder's files by docs-relative path. */
function readSources(files: Map<string, Uint8Array>): { config: MkdocsConfig; docs: Map<string, Uint8Array> } {
  if (files.size > SOURCE_LIMITS.files) throw new DocsBuildError(`The documentation has ${files.size} files; at most ${SOURCE_LIMITS.files} are built`);
  let total = 0;
  for (const data of files.values()) total += data.byteLength;
  if (total > SOURCE_LIMITS.bytes) throw new DocsBuildError(`The documentation is ${Math.round(total / 1048576)} MB; at most ${SOURCE_LIMITS.bytes / 1048576} MB is built`);
  const yml = files.get('mkdocs.yml') ?? files.get('mkdocs.yaml');
  let config: MkdocsConfig;
  if (yml) {
    try {
      config = parseMkdocs(decoder.decode(yml));
    } catch (e) {
      throw e instanceof DocsBuildError ? e : new DocsBuildError('mkdocs.yml is not UTF-8 text');
    }
  } else config = { docsDir: 'docs' };
  const docsDir = normalizePath(config.docsDir);
  if (docsDir === undefined || docsDir === '') throw new DocsBuildError(`mkdocs.yml: docs_dir "${config.docsDir}" must be a folder inside the documentation root`);
  const prefix = `${docsDir}/`;
  const docs = new Map<string, Uint8Array>();
  for (const [path, data] of files) if (path.startsWith(prefix)) docs.set(path.slice(prefix.length), data);
  if (![...docs.keys()].some((p) => /\.md$/i.test(p))) {
    throw new DocsBuildError(yml ? `No Markdown pages in ${docsDir}/ (the docs_dir of mkdocs.yml)` : `No mkdocs.yml and no Markdown pages in ${docsDir}/`);
  }
  return { config: { ...config, docsDir }, docs };
}

/** The nav from mkdocs.yml, every page it names checked to exist. */
function navFromConfig(entries: NavSource[], pages: Map<string, RenderedPage>): NavItem[] {
  return entries.map((entry) => {
    if ('children' in entry) return { title: entry.title, children: navFromConfig(entry.children, pages) };
    if ('url' in entry) {
      if (!httpsUrl(entry.url)) throw new DocsBuildError(`mkdocs.yml: nav link "${entry.title}" must be an http(s) URL`);
      return { title: entry.title, url: entry.url };
    }
    const mdPath = normalizePath(entry.page);
    const page = mdPath === undefined ? undefined : pages.get(mdPath);
    if (!page || mdPath === undefined) throw new DocsBuildError(`mkdocs.yml: nav entry "${entry.page}" is not a page in the docs folder`);
    return { title: entry.title ?? page.h1 ?? humanize(mdPath.split('/').pop()!), path: pageUrlOf(mdPath) };
  });
}

/** The nav MkDocs would make without one: the index page first, then pages and folders alphabetically. */
export function defaultNav(mdPaths: string[], titleOf: (mdPath: string) => string, dir = ''): NavItem[] {
  const here = mdPaths.filter((p) => p.startsWith(dir) && !p.slice(dir.length).includes('/'));
  const folders = [...new Set(mdPaths.filter((p) => p.startsWith(dir) && p.slice(dir.length).includes('/')).map((p) => p.slice(dir.length).split('/')[0]!))];
  // Sources are one per URL, so a folder has at most one index page.
  const index = here.find(isIndexPage);
  const items: NavItem[] = [];
  if (index) items.push({ title: dir === '' ? 'Home' : titleOf(index), path: pageUrlOf(index) });
  const rest: { key: string; item: NavItem }[] = [
    ...here.filter((p) => p !== index).map((p) => ({ key: p.slice(dir.length).toLowerCase(), item: { title: titleOf(p), path: pageUrlOf(p) } })),
    ...folders.map((f) => ({ key: f.toLowerCase(), item: { title: humanize(f), children: defaultNav(mdPaths, titleOf, `${dir}${f}/`) } })),
  ];
  rest.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [...items, ...rest.map((r) => r.item)];
}

/**
 * Builds a site from a documentation source tree (paths relative to the `techdocs-ref` folder:
 * `mkdocs.yml`, `docs/**`): every Markdown page rendered and sanitized into
 * `<page>/index.html`, assets of served types copied, and `techdocs_nav.json` and
 * `techdocs_metadata.json` written. Pure: the Worker (on push) and the CLI run exactly this.
 */
export async function buildSite(files: Map<string, Uint8Array>, options: BuildOptions): Promise<BuiltSite> {
  const { config, docs } = readSources(files);
  const mdPaths = [...docs.keys()].filter((p) => /\.md$/i.test(p)).sort();
  // Two sources for one URL (`a.md` and `a/index.md`, or index.md beside README.md): index.md wins, as in MkDocs.
  const byUrl = new Map<string, string>();
  for (const p of mdPaths) {
    const url = pageUrlOf(p);
    const other = byUrl.get(url);
    if (!other || /(^|\/)index\.md$/i.test(p)) byUrl.set(url, p);
  }
  const sources = [...byUrl.values()].sort();
  const pageSet = new Set(sources);
  const rendered = new Map<string, RenderedPage>();
  for (const mdPath of sources) {
    if (!isSafeSitePath(pageFileOf(pageUrlOf(mdPath)))) throw new DocsBuildError(`Page name "${mdPath}" cannot be served (odd characters in its path)`);
    const data = docs.get(mdPath)!;
    if (data.byteLength > SOURCE_LIMITS.pageBytes) throw new DocsBuildError(`${config.docsDir}/${mdPath} is larger than ${SOURCE_LIMITS.pageBytes / 1048576} MB`);
    let text: string;
    try {
      text = decoder.decode(data);
    } catch {
      throw new DocsBuildError(`${config.docsDir}/${mdPath} is not UTF-8 text`);
    }
    rendered.set(mdPath, renderPage(text, { mdPath, pages: pageSet }));
  }
  const siteName = config.siteName ?? options.defaultSiteName;
  const titleOf = (mdPath: string) => rendered.get(mdPath)?.h1 ?? humanize(mdPath.split('/').pop()!);
  const nav = config.nav ? navFromConfig(config.nav, rendered) : defaultNav(sources, titleOf);
  const navTitles = new Map<string, string>();
  const collect = (items: NavItem[]) => items.forEach((i) => ('children' in i ? collect(i.children) : 'path' in i && navTitles.set(i.path, i.title)));
  collect(nav);

  const out = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  const pages: Record<string, PageInfo> = {};
  const search: SearchPage[] = [];
  const editBase = httpsUrl(options.editBase);
  // mkdocs.yml's own `repo_url` + `edit_uri` name the docs folder itself (MkDocs' convention).
  const configEdit = httpsUrl(config.repoUrl) && config.editUri ? `${config.repoUrl!.replace(/\/+$/, '')}/${config.editUri.replace(/^\/+/, '').replace(/\/*$/, '/')}` : undefined;
  const editUrlOf = (mdPath: string) => {
    const encoded = mdPath.split('/').map(encodeURIComponent).join('/');
    if (editBase) return `${editBase}${config.docsDir}/${encoded}`;
    return configEdit ? `${configEdit}${encoded}` : undefined;
  };
  for (const [mdPath, page] of rendered) {
    const url = pageUrlOf(mdPath);
    const title = page.h1 ?? navTitles.get(url) ?? (url === '' ? siteName : humanize(mdPath.split('/').pop()!));
    const file = pageFileOf(url);
    const editUrl = editUrlOf(mdPath);
    out.set(file, encoder.encode(pageDocument(title, siteName, sanitizeDocsHtml(page.html))));
    pages[url] = {
      title,
      file,
      source: `${config.docsDir}/${mdPath}`,
      ...(editUrl ? { edit_url: editUrl } : {}),
      toc: tableOfContents(page.headings),
    };
    search.push({ path: url, title, text: page.text });
  }
  for (const [path, data] of docs) {
    if (/\.md$/i.test(path) || !isDocsSource(path) || !isSafeSitePath(path) || out.has(path)) continue;
    out.set(path, data);
  }
  const repoUrl = httpsUrl(options.repoUrl ?? config.repoUrl);
  const etag = options.etag ?? (await digestAll(files));
  return finishSite(
    out,
    { site_name: siteName, ...(config.siteDescription ? { site_description: config.siteDescription } : {}), build_timestamp: options.now ?? Date.now(), etag },
    { site_name: siteName, ...(config.siteDescription ? { site_description: config.siteDescription } : {}), ...(repoUrl ? { repo_url: repoUrl } : {}), nav, pages },
    search,
  );
}

/** One digest over every file's path and bytes. */
async function digestAll(files: Map<string, Uint8Array>): Promise<string> {
  const sorted = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  // Started together: awaiting each digest in turn costs a round trip through the runtime per file.
  const digests = await Promise.all(sorted.map(([, data]) => hexDigest('SHA-256', data)));
  return hexDigest('SHA-256', sorted.map(([path], i) => `${path}:${digests[i]}`).join('\n'));
}
