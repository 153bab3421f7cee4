import type { GithubConfig } from '../config';
import { AppJwtSource } from './app-jwt';
import { GithubApiError, GithubUnavailableError } from './errors';
import { backoffMs, MAX_INLINE_ATTEMPTS, MAX_INLINE_WAIT_MS, retryDelayMs } from './retry';
import { InstallationTokens } from './tokens';

/** Who a request is made as: the App itself (JWT) or one of its installations (token). */
export type GithubIdentity = 'app' | { installationId: number };

/** One API request: as whom, and what to send or accept. */
export interface GithubRequest {
  as: GithubIdentity;
  method?: string;
  accept?: string;
  body?: unknown;
}

const REQUEST_TIMEOUT_MS = 15_000;
const PER_PAGE = 100;
// A listing longer than this is cut rather than looping on a misbehaving server.
const MAX_PAGES = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A small fetch-based GitHub REST client. Every URL is the configured API base plus a path (so
 * nothing else is ever fetched); 5xx, 429 and rate-limited 403 answers are retried with backoff
 * honouring `retry-after` / `x-ratelimit-reset`, and when the wait is too long for one job it
 * throws GithubUnavailableError saying how long to wait.
 */
export class GithubClient {
  private readonly jwt: AppJwtSource;
  private readonly tokens: InstallationTokens;

  constructor(readonly config: GithubConfig & { app: NonNullable<GithubConfig['app']> }) {
    this.jwt = new AppJwtSource(config.app.id, config.app.privateKey);
    this.tokens = new InstallationTokens((id) => this.request(`/app/installations/${id}/access_tokens`, { as: 'app', method: 'POST' }));
  }

  /** The API URL of a path, refusing anything that would leave the configured base. */
  url(path: string): URL {
    return this.withinApi(this.config.apiUrl + path);
  }

  private withinApi(href: string): URL {
    const url = new URL(href);
    if (!url.href.startsWith(`${this.config.apiUrl}/`)) throw new GithubApiError(400, `Refusing to call ${url.origin}${url.pathname}: not under the configured GitHub API`);
    return url;
  }

  /** One request with retries; answers any status GitHub gave that retrying would not change. */
  async request(path: string | URL, req: GithubRequest): Promise<Response> {
    const url = typeof path === 'string' ? this.url(path) : path;
    let refreshedToken = false;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = {
        accept: req.accept ?? 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'greenroom',
        authorization: req.as === 'app' ? `Bearer ${await this.jwt.get()}` : `token ${await this.tokens.get(req.as.installationId)}`,
      };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      let res: Response;
      try {
        res = await fetch(url.href, {
          method: req.method ?? 'GET',
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          redirect: 'manual',
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (e) {
        await this.waitOrGiveUp(`${req.method ?? 'GET'} ${url.pathname} failed: ${(e as Error).message}`, backoffMs(attempt), attempt);
        continue;
      }
      if (res.status === 401 && req.as !== 'app' && !refreshedToken) {
        // A cached token GitHub no longer accepts (revoked): mint a new one, once.
        await res.body?.cancel();
        this.tokens.invalidate(req.as.installationId);
        refreshedToken = true;
        continue;
      }
      if (res.ok || res.status < 400) return res;
      const body = await res.clone().text();
      const wait = retryDelayMs(res, body, attempt);
      if (wait === undefined) return res;
      await this.waitOrGiveUp(`${req.method ?? 'GET'} ${url.pathname} answered HTTP ${res.status}`, wait, attempt);
    }
  }

  private async waitOrGiveUp(what: string, waitMs: number, attempt: number): Promise<void> {
    if (attempt >= MAX_INLINE_ATTEMPTS || waitMs > MAX_INLINE_WAIT_MS) {
      throw new GithubUnavailableError(`${what} (attempt ${attempt})`, waitMs);
    }
    await sleep(waitMs);
  }

  /** GET a JSON document; any non-2xx answer is a GithubApiError. */
  async json<T>(path: string, as: GithubIdentity): Promise<T> {
    const res = await this.request(path, { as });
    if (!res.ok) {
      await res.body?.cancel();
      throw new GithubApiError(res.status, `GET ${path} answered HTTP ${res.status}`);
    }
    return (await res.json()) as T;
  }

  /** Every item of a paged listing, following `Link: rel="next"` within the configured API only. */
  async paginate<T>(path: string, as: GithubIdentity, items: (page: unknown) => T[]): Promise<T[]> {
    const all: T[] = [];
    let url: URL | undefined = this.url(path);
    url.searchParams.set('per_page', String(PER_PAGE));
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const res = await this.request(url, { as });
      if (!res.ok) {
        await res.body?.cancel();
        throw new GithubApiError(res.status, `GET ${url.pathname} answered HTTP ${res.status}`);
      }
      all.push(...items(await res.json()));
      const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      url = next ? this.withinApi(next) : undefined;
    }
    return all;
  }
}

const clients = new Map<string, GithubClient>();

/** The client for a configuration, shared within the isolate so tokens and JWTs are reused. */
export function githubClient(config: GithubConfig): GithubClient {
  if (!config.app) throw new GithubApiError(503, 'The GitHub App is not configured (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY)');
  const key = `${config.apiUrl}\n${config.app.id}\n${config.app.privateKey}`;
  let client = clients.get(key);
  if (!client) {
    client = new GithubClient({ ...config, app: config.app });
    clients.set(key, client);
  }
  return client;
}
