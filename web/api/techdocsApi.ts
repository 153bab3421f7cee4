import { ApiError, fetchOk, getJson } from './http';

const BASE = '/api/techdocs';

/** An entity's site identity, as it appears in every TechDocs URL (namespace, kind, name). */
export interface DocsSiteRef {
  namespace: string;
  kind: string;
  name: string;
}

/** `techdocs_metadata.json`, as Backstage's techdocs-cli writes it. */
export interface TechDocsMetadata {
  site_name: string;
  site_description?: string;
  /** Milliseconds since the epoch. */
  build_timestamp: number;
  files?: string[];
  etag: string;
}

/** An entry of the site's left navigation. */
export type DocsNavItem =
  | { title: string; path: string }
  | { title: string; url: string }
  | { title: string; children: DocsNavItem[] };

/** One heading of a page's table of contents. */
export interface DocsTocItem {
  id: string;
  title: string;
  level: 2 | 3;
  children: DocsTocItem[];
}

/** What the server knows about one page of a site. */
export interface DocsPageInfo {
  title: string;
  file: string;
  source?: string;
  edit_url?: string;
  toc: DocsTocItem[];
}

/** `techdocs_nav.json`: navigation and page index of a site. */
export interface TechDocsNav {
  site_name: string;
  site_description?: string;
  repo_url?: string;
  nav: DocsNavItem[];
  /** Keyed by page path: `""` for home, `"guides/setup/"`. */
  pages: Record<string, DocsPageInfo>;
}

/** Build state of an entity's docs. */
export interface DocsBuildStatus {
  entityRef: string;
  techdocsRef: string | null;
  state: 'ok' | 'building' | 'error' | 'none';
  source: 'github' | 'upload' | null;
  etag: string | null;
  builtAt: string | null;
  lastAttemptAt: string | null;
  error: { message: string; at: string } | null;
}

/** One entry of the docs index. */
export interface DocsSiteSummary extends DocsSiteRef {
  entityRef: string;
  title: string;
  siteName: string;
  siteDescription: string | null;
  owner: string | null;
  builtAt: string | null;
  state: 'ok' | 'error' | 'building';
}

const triplet = (ref: DocsSiteRef) => [ref.namespace, ref.kind, ref.name].map((p) => encodeURIComponent(p.toLowerCase())).join('/');

/** The URL prefix the files of a site are served under, ending in `/`. */
export function docsStaticBase(ref: DocsSiteRef): string {
  return `${BASE}/static/docs/${triplet(ref)}/`;
}

/** Encodes each segment of a site-relative path, keeping its slashes. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Typed client for the TechDocs API (Backstage's routes plus Greenroom's nav, status and index). */
export const techdocsApi = {
  /** The site's `techdocs_metadata.json`; `ApiError` 404 when nothing was built yet. */
  metadata: (ref: DocsSiteRef, signal?: AbortSignal) => getJson<TechDocsMetadata>(`${BASE}/metadata/techdocs/${triplet(ref)}`, signal),

  /** The site's navigation and page index. */
  nav: (ref: DocsSiteRef, signal?: AbortSignal) => getJson<TechDocsNav>(`${docsStaticBase(ref)}techdocs_nav.json`, signal),

  /** Whether the docs are built, building or failing, and when the served site was written. */
  status: (ref: DocsSiteRef, signal?: AbortSignal) => getJson<DocsBuildStatus>(`${BASE}/status/${triplet(ref)}`, signal),

  /** Every site the caller may read. */
  sites: (signal?: AbortSignal) => getJson<{ items: DocsSiteSummary[] }>(`${BASE}/sites`, signal),

  /** The raw (server-sanitized, not yet browser-sanitized) HTML of one file of a site. */
  async pageHtml(ref: DocsSiteRef, file: string, signal?: AbortSignal): Promise<string> {
    const path = `${docsStaticBase(ref)}${encodePath(file)}`;
    const response = await fetchOk(path, { headers: { accept: 'text/html' }, signal });
    if (!/^text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
      throw new ApiError('This documentation page is not HTML.', 'ParseError', response.status, `GET ${path}`);
    }
    return response.text();
  },
};
