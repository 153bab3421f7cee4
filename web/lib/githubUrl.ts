/** A URL on GitHub or GitHub Enterprise, with the repository and what follows it in the path. */
export interface GithubUrl {
  url: URL;
  owner: string;
  repo: string;
  /** `blob`, `tree`, `edit`, … when the path goes past the repository. */
  mode?: string;
  ref?: string;
  /** The path segments after the ref. */
  path: string[];
}

/** Splits a github.com (or `github.*` Enterprise) URL naming at least a repository; `undefined` for anything else. */
export function parseGithubUrl(text: string): GithubUrl | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  if (host !== 'github.com' && !host.startsWith('github.')) return undefined;
  const [owner, repo, mode, ref, ...path] = url.pathname.split('/').filter(Boolean);
  if (!owner || !repo) return undefined;
  return { url, owner, repo, mode, ref, path };
}
