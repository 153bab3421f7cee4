import type { GithubClient } from './client';
import { GithubApiError } from './errors';

// An installation can lose a repository at any time; a stale answer only costs one failed read.
const TTL_MS = 10 * 60_000;

const caches = new WeakMap<GithubClient, Map<string, { id: number | undefined; expiresAt: number }>>();

function cacheOf(client: GithubClient) {
  let cache = caches.get(client);
  if (!cache) {
    cache = new Map();
    caches.set(client, cache);
  }
  return cache;
}

/** Notes which installation gives access to a repository, as learned from an event or a listing. */
export function rememberInstallation(client: GithubClient, fullName: string, installationId: number): void {
  cacheOf(client).set(fullName.toLowerCase(), { id: installationId, expiresAt: Date.now() + TTL_MS });
}

/** The installation of the App that can read `owner/repo`, or undefined when none can. */
export async function installationOf(client: GithubClient, owner: string, repo: string): Promise<number | undefined> {
  const key = `${owner}/${repo}`.toLowerCase();
  const hit = cacheOf(client).get(key);
  if (hit && hit.expiresAt > Date.now()) return hit.id;
  const res = await client.request(`/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/installation`, { as: 'app' });
  if (res.status === 404) {
    await res.body?.cancel();
    cacheOf(client).set(key, { id: undefined, expiresAt: Date.now() + TTL_MS });
    return undefined;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new GithubApiError(res.status, `GET /repos/${owner}/${repo}/installation answered HTTP ${res.status}`);
  }
  const { id } = (await res.json()) as { id: number };
  rememberInstallation(client, key, id);
  return id;
}
