import type { GithubConfig } from '../config';

/** Whether an account's installation is used (no allow-list means every account is). */
export function isAllowedAccount(config: GithubConfig, login: string): boolean {
  return config.allowedOrgs.length === 0 || config.allowedOrgs.includes(login.toLowerCase());
}

/** The branch catalog files are read from: the configured one, or the repository's default. */
export function catalogBranch(config: GithubConfig, defaultBranch: string): string {
  return config.branch ?? defaultBranch;
}
