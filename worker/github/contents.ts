import type { GithubConfig } from '../config';
import type { HostReader } from '../catalog/ingest/reader';
import { parseGithubFileUrl } from '../catalog/ingest/scm-url';
import { githubClient, type GithubClient } from './client';
import { installationOf } from './repo-installation';

const RAW = 'application/vnd.github.raw+json';

/** Where a file is in a repository. */
export interface RepoFile {
  owner: string;
  repo: string;
  path: string;
  ref: string;
}

/** Reads one file at a ref through the contents API with the raw media type (no base64, no 1 MB cap). */
export function readContents(client: GithubClient, installationId: number, file: RepoFile): Promise<Response> {
  const path = file.path.split('/').map(encodeURIComponent).join('/');
  return client.request(
    `/repos/${encodeURIComponent(file.owner)}/${encodeURIComponent(file.repo)}/contents/${path}?ref=${encodeURIComponent(file.ref)}`,
    { as: { installationId }, accept: RAW },
  );
}

/** The repository file a `https://<host>/<owner>/<repo>/blob/<ref>/<path>` URL names, if it names one. */
export function repoFileOfUrl(url: URL | string, host: string): RepoFile | undefined {
  const file = parseGithubFileUrl(url, new Set([host]));
  if (!file || file.type !== 'blob' || file.path.length === 0) return undefined;
  try {
    return {
      owner: decodeURIComponent(file.owner),
      repo: decodeURIComponent(file.repo),
      ref: decodeURIComponent(file.ref),
      path: file.path.map((s) => decodeURIComponent(s)).join('/'),
    };
  } catch {
    return undefined;
  }
}

/** The web URL of a file at a branch: the catalog location target for a repository's catalog file. */
export function fileUrl(host: string, fullName: string, branch: string, path: string): string {
  const [owner = '', repo = ''] = fullName.split('/');
  const parts = [owner, repo, 'blob', branch, ...path.split('/')].map(encodeURIComponent);
  return `https://${host}/${parts.join('/')}`;
}

const notFound = (why: string) => new Response(why, { status: 404 });

/**
 * The catalog's reader for the configured GitHub host: file URLs on it are read through the App
 * installation that can see the repository, never from the web host itself.
 */
export function githubHostReader(config: GithubConfig): HostReader {
  return {
    host: config.host,
    githubLayout: true,
    async fetch(url) {
      const file = repoFileOfUrl(url, config.host);
      if (!file) return notFound(`${url.href} is not a file URL of ${config.host}`);
      const client = githubClient(config);
      const installationId = await installationOf(client, file.owner, file.repo);
      if (installationId === undefined) return notFound(`No installation of the GitHub App can read ${file.owner}/${file.repo}`);
      return readContents(client, installationId, file);
    },
  };
}
