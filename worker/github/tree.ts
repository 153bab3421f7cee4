import { globToRegExp, isLiteralGlob } from '../lib/glob';
import type { GithubClient } from './client';
import { GithubApiError } from './errors';

/** The catalog files of a branch and the tree they were found in. */
export interface CatalogFiles {
  /** SHA of the root tree: equal SHAs mean equal content. */
  treeSha: string;
  paths: string[];
}

interface TreeResponse {
  sha: string;
  truncated?: boolean;
  tree: { path: string; type: string }[];
}

/** Paths matching any of the globs, in a stable order. */
export function matchCatalogPaths(paths: string[], globs: string[]): string[] {
  const patterns = globs.map(globToRegExp);
  return paths.filter((p) => patterns.some((re) => re.test(p))).sort();
}

/**
 * Lists a branch's files with the Git Trees API (recursive) and keeps those matching the catalog
 * globs; undefined when the branch does not exist or the repository is empty. A tree too large
 * for one answer (`truncated`) still yields the literal paths, which are then read to find out.
 */
export async function findCatalogFiles(
  client: GithubClient,
  installationId: number,
  fullName: string,
  branch: string,
  globs: string[],
): Promise<CatalogFiles | undefined> {
  const [owner = '', repo = ''] = fullName.split('/');
  const res = await client.request(
    `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/git/trees/${encodeURIComponent(branch)}?recursive=1`,
    { as: { installationId } },
  );
  // 404: no such branch; 409: "Git Repository is empty".
  if (res.status === 404 || res.status === 409) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new GithubApiError(res.status, `Listing the tree of ${fullName}@${branch} answered HTTP ${res.status}`);
  }
  const tree = (await res.json()) as TreeResponse;
  const blobs = tree.tree.filter((e) => e.type === 'blob').map((e) => e.path);
  const found = matchCatalogPaths(blobs, globs);
  const paths = tree.truncated ? [...new Set([...found, ...globs.filter(isLiteralGlob)])].sort() : found;
  return { treeSha: tree.sha, paths };
}
