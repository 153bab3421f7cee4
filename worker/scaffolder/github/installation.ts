import type { Config } from '../../config';
import type { GithubClient } from '../../github/client';
import { accountInstallation, appClient, repoTarget, type RepoTarget } from './api';

/** A repository a step works on, with the App client and the installation that may act on it. */
export interface RepoInstallation {
  target: RepoTarget;
  client: GithubClient;
  installationId: number;
  as: { installationId: number };
}

/** Resolves `repoUrl` and finds the App installation on its owner (permanent errors when either is missing). */
export async function repoInstallation(repoUrl: string, config: Config): Promise<RepoInstallation> {
  const target = repoTarget(repoUrl, config);
  const client = appClient(config);
  const installationId = await accountInstallation(client, target.owner);
  return { target, client, installationId, as: { installationId } };
}
