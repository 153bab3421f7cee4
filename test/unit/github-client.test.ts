import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../worker/config';
import type { Env } from '../../worker/env';
import { GithubClient } from '../../worker/github/client';
import { GithubApiError, GithubUnavailableError, InstallationGoneError } from '../../worker/github/errors';

const PKCS1 = readFileSync(new URL('../fixtures/github-app/private-key.pem', import.meta.url), 'utf8');
const API = 'https://ghe.test/api/v3';

type Handler = (url: URL, init: RequestInit & { headers: Record<string, string> }) => Response | Promise<Response>;
let handler: Handler;
let requests: { url: string; auth: string }[];

function client(): GithubClient {
  const config = readConfig({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: PKCS1, GITHUB_API_URL: `${API}/` } as unknown as Env).github;
  return new GithubClient({ ...config, app: config.app! });
}

function tokenAnswer(expiresInMs = 3_600_000): Response {
  return Response.json({ token: `ghs_${requests.length}`, expires_at: new Date(Date.now() + expiresInMs).toISOString() }, { status: 201 });
}

beforeEach(() => {
  requests = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit & { headers: Record<string, string> }) => {
    requests.push({ url: input, auth: init.headers.authorization ?? '' });
    return handler(new URL(input), init);
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the GitHub client', () => {
  it('retries 5xx and dropped connections with backoff, then gives up saying when to come back', async () => {
    let n = 0;
    handler = () => {
      n++;
      if (n === 1) throw new TypeError('connection reset');
      return n < 3 ? new Response('', { status: 502 }) : Response.json({ ok: true });
    };
    expect(await client().json('/meta', 'app')).toEqual({ ok: true });
    expect(requests).toHaveLength(3);
    expect(requests[0]!.auth).toMatch(/^Bearer ey/);

    handler = () => new Response('', { status: 503 });
    const error = await client().request('/meta', { as: 'app' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GithubUnavailableError);
    expect((error as GithubUnavailableError).retryAfterMs).toBeGreaterThan(0);
  });

  it('does not sleep through a long rate limit: the job is retried later instead', async () => {
    handler = () => new Response('{"message":"API rate limit exceeded"}', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 600) } });
    const started = Date.now();
    const error = (await client().request('/meta', { as: 'app' }).catch((e: unknown) => e)) as GithubUnavailableError;
    expect(error).toBeInstanceOf(GithubUnavailableError);
    expect(error.retryAfterMs).toBeGreaterThan(590_000);
    expect(requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers 404 and permission errors as they are, without retrying', async () => {
    handler = () => new Response('{"message":"Not Found"}', { status: 404 });
    expect((await client().request('/repos/a/b', { as: 'app' })).status).toBe(404);
    await expect(client().json('/repos/a/b', 'app')).rejects.toBeInstanceOf(GithubApiError);
    expect(requests).toHaveLength(2);
  });

  it('mints an installation token once, reuses it, and mints anew when GitHub refuses it or it nears expiry', async () => {
    let refuse = false;
    handler = (url) => {
      if (url.pathname.endsWith('/access_tokens')) return tokenAnswer(requests.length > 4 ? 4 * 60_000 : 3_600_000);
      if (refuse) {
        refuse = false;
        return new Response('{"message":"Bad credentials"}', { status: 401 });
      }
      return Response.json({});
    };
    const c = client();
    await c.json('/installation/repositories', { installationId: 5 });
    await c.json('/installation/repositories', { installationId: 5 });
    expect(requests.map((r) => r.auth)).toEqual([expect.stringMatching(/^Bearer /), 'token ghs_1', 'token ghs_1']);
    refuse = true;
    await c.json('/installation/repositories', { installationId: 5 });
    // Refused, a fresh token (this one only 4 minutes from expiry), the retried request.
    expect(requests.slice(3).map((r) => r.auth)).toEqual(['token ghs_1', expect.stringMatching(/^Bearer /), 'token ghs_5']);
    await c.json('/installation/repositories', { installationId: 5 });
    expect(requests.slice(6).map((r) => r.auth)).toEqual([expect.stringMatching(/^Bearer /), 'token ghs_7']);
  });

  it('shares one token request between concurrent callers, and reports a deleted installation', async () => {
    handler = async (url) => {
      if (url.pathname.endsWith('/5/access_tokens')) {
        await new Promise((r) => setTimeout(r, 20));
        return tokenAnswer();
      }
      if (url.pathname.endsWith('/6/access_tokens')) return new Response('', { status: 404 });
      return Response.json({});
    };
    const c = client();
    await Promise.all([1, 2, 3].map(() => c.json('/x', { installationId: 5 })));
    expect(requests.filter((r) => r.url.endsWith('/access_tokens'))).toHaveLength(1);
    await expect(c.json('/x', { installationId: 6 })).rejects.toBeInstanceOf(InstallationGoneError);
  });

  it('follows pagination within the configured API only, and never leaves it', async () => {
    handler = (url) => {
      if (url.pathname.endsWith('/access_tokens')) return tokenAnswer();
      const page = Number(url.searchParams.get('page') ?? 1);
      const next: Record<string, string> = page < 3 ? { link: `<${API}/orgs/acme/members?per_page=100&page=${page + 1}>; rel="next", <${API}/orgs/acme/members?page=3>; rel="last"` } : {};
      return Response.json([{ login: `user-${page}` }], { headers: next });
    };
    const c = client();
    expect(await c.paginate('/orgs/acme/members', { installationId: 1 }, (p) => p as { login: string }[])).toEqual([{ login: 'user-1' }, { login: 'user-2' }, { login: 'user-3' }]);
    expect(requests[1]!.url).toBe(`${API}/orgs/acme/members?per_page=100`);

    handler = (url) => (url.pathname.endsWith('/access_tokens') ? tokenAnswer() : Response.json([], { headers: { link: '<https://evil.test/steal?page=2>; rel="next"' } }));
    await expect(c.paginate('/orgs/acme/members', { installationId: 1 }, (p) => p as unknown[])).rejects.toBeInstanceOf(GithubApiError);
    expect(requests.some((r) => r.url.startsWith('https://evil.test'))).toBe(false);
    expect(() => c.url('/../../steal')).toThrow(GithubApiError);
  });
});
