/** URL conventions of source hosting (github.com and configured GitHub hosts), as Backstage's SCM integrations apply them. */

const GITHUB_HOST = 'github.com';
const GITHUB_RAW_HOST = 'raw.githubusercontent.com';

/** Hosts whose file URLs follow GitHub's layout when nothing else is configured. */
export const DEFAULT_GITHUB_HOSTS: ReadonlySet<string> = new Set([GITHUB_HOST]);

/** `/<owner>/<repo>/<blob|tree|edit>/<ref>/<path…>` on a GitHub host; segments as they appear in the URL (percent-encoded). */
export interface GithubFileUrl {
  owner: string;
  repo: string;
  type: string;
  ref: string;
  path: string[];
  url: URL;
}

/** The parts of a GitHub file URL, or undefined when the URL is not one on the given hosts. */
export function parseGithubFileUrl(value: string | URL, hosts: ReadonlySet<string>): GithubFileUrl | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !hosts.has(url.host)) return undefined;
  const [owner, repo, type, ref, ...path] = url.pathname.split('/').slice(1);
  if (!owner || !repo || !ref || (type !== 'blob' && type !== 'tree' && type !== 'edit')) return undefined;
  return { owner, repo, type, ref, path, url };
}

/** The raw-content URL for a github.com `blob` or `tree` file URL, or undefined for any other URL. */
export function githubRawUrl(url: URL): URL | undefined {
  const file = parseGithubFileUrl(url, DEFAULT_GITHUB_HOSTS);
  if (!file || file.type === 'edit' || file.path.length === 0) return undefined;
  return new URL(`https://${GITHUB_RAW_HOST}/${[file.owner, file.repo, file.ref, ...file.path].join('/')}`);
}

/** The same GitHub file URL shown as another view (`tree` for browsing, `edit` for the editor). */
export function githubUrlOfType(
  url: string,
  type: 'blob' | 'tree' | 'edit',
  hosts: ReadonlySet<string> = DEFAULT_GITHUB_HOSTS,
): string | undefined {
  const file = parseGithubFileUrl(url, hosts);
  if (!file) return undefined;
  const rewritten = new URL(file.url);
  rewritten.pathname = '/' + [file.owner, file.repo, type, file.ref, ...file.path].join('/');
  return rewritten.href;
}

/**
 * Resolves a target against the URL of the file that names it. Absolute URLs are kept as
 * written; `/path` on a GitHub file URL is taken from the repository root; other relative
 * targets resolve as URLs do, keeping the base's query (Backstage keeps it too, for `?ref=`).
 * Throws a TypeError when no URL can be formed.
 */
export function resolveLocationUrl(target: string, base: string, hosts: ReadonlySet<string> = DEFAULT_GITHUB_HOSTS): string {
  if (URL.canParse(target)) return target;
  const baseUrl = new URL(base);
  const file = parseGithubFileUrl(baseUrl, hosts);
  const resolved =
    file && target.startsWith('/')
      ? new URL(`/${file.owner}/${file.repo}/${file.type}/${file.ref}${target}`, baseUrl)
      : new URL(target, baseUrl);
  resolved.search = baseUrl.search;
  return resolved.href;
}
