import type { GithubClient } from './client';
import { GithubApiError } from './errors';

/** The fields of GitHub's installation object this integration reads. */
export interface InstallationInfo {
  id: number;
  account: { login: string; id: number; type: string };
  suspended_at?: string | null;
}

/** The installation as GitHub has it now; undefined when it was deleted. */
export async function currentInstallation(client: GithubClient, installationId: number): Promise<InstallationInfo | undefined> {
  const res = await client.request(`/app/installations/${installationId}`, { as: 'app' });
  if (res.status === 404) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new GithubApiError(res.status, `GET /app/installations/${installationId} answered HTTP ${res.status}`);
  }
  return (await res.json()) as InstallationInfo;
}
