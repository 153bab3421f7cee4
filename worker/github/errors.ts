/** GitHub kept failing or rate-limiting a request; the job should be retried after `retryAfterMs`. */
export class GithubUnavailableError extends Error {
  override name = 'GithubUnavailableError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** GitHub answered with an error that retrying the same request will not change. */
export class GithubApiError extends Error {
  override name = 'GithubApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The installation no longer exists or is suspended: whatever it gave access to is gone. */
export class InstallationGoneError extends Error {
  override name = 'InstallationGoneError';
  constructor(readonly installationId: number) {
    super(`GitHub App installation ${installationId} is gone or suspended`);
  }
}
