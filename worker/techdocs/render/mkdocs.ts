import { parseDocument } from 'yaml';
import { DocsBuildError } from './errors';

/** One entry of an `mkdocs.yml` nav, as written: a page, an external link, or a section. */
export type NavSource = { title?: string; page: string } | { title: string; url: string } | { title: string; children: NavSource[] };

/** The parts of `mkdocs.yml` this renderer honours. */
export interface MkdocsConfig {
  siteName?: string;
  siteDescription?: string;
  docsDir: string;
  repoUrl?: string;
  editUri?: string;
  nav?: NavSource[];
}

const string = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function navEntries(value: unknown, where: string): NavSource[] {
  if (!Array.isArray(value)) throw new DocsBuildError(`mkdocs.yml: ${where} must be a list`);
  return value.map((entry, i) => {
    if (typeof entry === 'string') return { page: entry };
    if (entry && typeof entry === 'object' && !Array.isArray(entry) && Object.keys(entry).length === 1) {
      const [title, target] = Object.entries(entry as Record<string, unknown>)[0]!;
      if (typeof target === 'string') return /^[a-z][a-z0-9+.-]*:/i.test(target) ? { title, url: target } : { title, page: target };
      return { title, children: navEntries(target, `nav section "${title}"`) };
    }
    throw new DocsBuildError(`mkdocs.yml: entry ${i + 1} of ${where} must be "page.md" or "Title: page.md" (or a section)`);
  });
}

/**
 * Reads `mkdocs.yml`. Python-specific tags (`!!python/name:…`, `!ENV`) that plugin settings
 * carry are tolerated and ignored; anything that makes the file unreadable is a build error.
 */
export function parseMkdocs(text: string): MkdocsConfig {
  let raw: unknown;
  try {
    const doc = parseDocument(text, { strict: false, logLevel: 'silent', uniqueKeys: false });
    // Unknown tags are only warnings; syntax errors are errors.
    if (doc.errors[0]) throw doc.errors[0];
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    throw new DocsBuildError(`mkdocs.yml is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new DocsBuildError('mkdocs.yml must be a mapping');
  const doc = raw as Record<string, unknown>;
  const docsDir = string(doc.docs_dir) ?? 'docs';
  return {
    siteName: string(doc.site_name),
    siteDescription: string(doc.site_description),
    docsDir: docsDir.replace(/^\.\//, '').replace(/\/+$/, ''),
    repoUrl: string(doc.repo_url),
    editUri: string(doc.edit_uri),
    ...(doc.nav !== undefined && doc.nav !== null ? { nav: navEntries(doc.nav, 'nav') } : {}),
  };
}
