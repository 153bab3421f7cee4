import type { Config } from '../../config';
import type { GithubClient, GithubIdentity } from '../../github/client';
import { accountInstallation, appClient, repoTarget, type RepoTarget } from './api';

/** Requests made as one App installation. */
export type InstallationIdentity = Exclude<GithubIdentity, 'app'>;

/** A repository a step works on, with the App client and the installation that may act on it. */
export interface RepoInstallation {
  target: RepoTarget;
  client: GithubClient;
  as: InstallationIdentity;
}

/** Resolves `repoUrl` and finds the App installation on its owner (permanent errors when either is missing). */
export async function repoInstallation(repoUrl: string, config: Config): Promise<RepoInstallation> {
  const target = repoTarget(repoUrl, config);
  const client = appClient(config);
  const installationId = await accountInstallation(client, target.owner);
  return { target, client, as: { installationId } };
}
