import type { Config } from '../../config';
import { githubClient, type GithubClient, type GithubIdentity } from '../../github/client';
import { GithubApiError } from '../../github/errors';
import { parseRepoUrl } from '../template/filters';
import { PermanentActionError } from '../actions/types';

/** A repository a step works on, from a RepoUrlPicker value. */
export interface RepoTarget {
  host: string;
  owner: string;
  repo: string;
}

/** The repository named by `repoUrl`, which must be on the configured GitHub host. */
export function repoTarget(repoUrl: string, config: Config): RepoTarget {
  let parts;
  try {
    parts = parseRepoUrl(repoUrl);
  } catch (e) {
    throw new PermanentActionError((e as Error).message);
  }
  if (parts.host.toLowerCase() !== config.github.host) {
    throw new PermanentActionError(`Repository host ${parts.host} is not the configured GitHub host ${config.github.host}`);
  }
  if (!parts.owner) throw new PermanentActionError(`Repository URL "${repoUrl}" names no owner`);
  return { host: parts.host.toLowerCase(), owner: parts.owner, repo: parts.repo };
}

/** The client for the configured GitHub App (a readable, permanent error when there is none). */
export function appClient(config: Config): GithubClient {
  if (!config.github.app) throw new PermanentActionError('The GitHub App is not configured (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY); publish locally instead');
  return githubClient(config.github);
}

/**
 * One JSON call; 2xx answers are parsed (undefined for 204), `allow`ed statuses return
 * undefined, any other 4xx is a GithubApiError (retrying will not change it; the client already
 * retried rate limits) and 5xx a retryable error.
 */
export async function call<T>(client: GithubClient, as: GithubIdentity, method: string, path: string, body?: unknown, allow: number[] = []): Promise<T | undefined> {
  const res = await client.request(path, { as, method, ...(body !== undefined ? { body } : {}) });
  if (res.status === 204 || allow.includes(res.status)) {
    await res.body?.cancel();
    return undefined;
  }
  if (res.ok) return (await res.json()) as T;
  const text = await res.text();
  let message = text;
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    // A non-JSON error body is shown as it is.
  }
  const what = `${method} ${path} answered HTTP ${res.status}: ${message.slice(0, 300)}`;
  if (res.status >= 400 && res.status < 500) throw new GithubApiError(res.status, what);
  throw new Error(what);
}

/** The App installation on an account (organisation or user), or a permanent error. */
export async function accountInstallation(client: GithubClient, owner: string): Promise<number> {
  for (const kind of ['orgs', 'users']) {
    const inst = await call<{ id: number }>(client, 'app', 'GET', `/${kind}/${encodeURIComponent(owner)}/installation`, undefined, [404]);
    if (inst) return inst.id;
  }
  throw new PermanentActionError(`The GitHub App is not installed on ${owner}; install it there to create repositories`);
}

/** `/repos/<owner>/<repo>` with both parts encoded. */
export const repoPath = (t: RepoTarget) => `/repos/${encodeURIComponent(t.owner)}/${encodeURIComponent(t.repo)}`;
