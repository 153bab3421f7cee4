import { InstallationGoneError, GithubApiError } from './errors';

// Installation tokens live an hour; one is replaced five minutes before it expires so a job
// never starts with a token that dies halfway through.
const REFRESH_BEFORE_MS = 5 * 60_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Creates installation tokens through the App and keeps each until shortly before it expires. */
export class InstallationTokens {
  private readonly cache = new Map<number, CachedToken>();
  private readonly pending = new Map<number, Promise<CachedToken>>();

  /** `create` calls POST /app/installations/{id}/access_tokens as the App. */
  constructor(private readonly create: (installationId: number) => Promise<Response>) {}

  /** A token for the installation, from the cache when it has five minutes left. */
  async get(installationId: number): Promise<string> {
    const hit = this.cache.get(installationId);
    if (hit && hit.expiresAt - REFRESH_BEFORE_MS > Date.now()) return hit.token;
    let pending = this.pending.get(installationId);
    if (!pending) {
      // Concurrent callers share one request instead of minting a token each.
      pending = this.fetch(installationId).finally(() => this.pending.delete(installationId));
      this.pending.set(installationId, pending);
    }
    return (await pending).token;
  }

  /** Drops a token GitHub refused (revoked, or minted for another App). */
  invalidate(installationId: number): void {
    this.cache.delete(installationId);
  }

  private async fetch(installationId: number): Promise<CachedToken> {
    const res = await this.create(installationId);
    if (res.status === 404 || res.status === 403) {
      await res.body?.cancel();
      throw new InstallationGoneError(installationId);
    }
    if (res.status !== 201 && res.status !== 200) {
      await res.body?.cancel();
      throw new GithubApiError(res.status, `Creating a token for installation ${installationId} failed: HTTP ${res.status}`);
    }
    const body = (await res.json()) as { token?: unknown; expires_at?: unknown };
    if (typeof body.token !== 'string') throw new GithubApiError(res.status, 'GitHub answered an access token request without a token');
    const expiresAt = typeof body.expires_at === 'string' ? Date.parse(body.expires_at) : Date.now() + 60 * 60_000;
    const cached = { token: body.token, expiresAt };
    this.cache.set(installationId, cached);
    return cached;
  }
}
