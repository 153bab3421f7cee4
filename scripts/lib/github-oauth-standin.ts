// A stand-in for GitHub's OAuth web flow and the user endpoints sign-in reads, as a plain
// Web-standard fetch handler: workerd tests route stubbed fetches to it, Node tests and the auth
// benchmark serve it on a loopback port. It checks what GitHub checks — client credentials,
// redirect URI, one-time codes and the PKCE verifier — so a flow that passes here is a correct one.

/** A GitHub account that can sign in. */
export interface StandinUser {
  login: string;
  name?: string;
  email?: string;
  /** Organisation logins. */
  orgs?: string[];
  /** `org/team-slug`. */
  teams?: string[];
}

interface PendingCode {
  login: string;
  clientId: string;
  redirectUri: string;
  challenge: string | null;
}

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => b64url(crypto.getRandomValues(new Uint8Array(20)));
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** GitHub's OAuth endpoints (`/login/oauth/*`) and `GET <apiPrefix>/user`, `/user/orgs`, `/user/teams`. */
export class GithubOAuthStandin {
  readonly users = new Map<string, StandinUser>();
  /** Every token exchange, and whether GitHub would have accepted it. */
  readonly exchanges: { ok: boolean; error?: string; pkce: boolean }[] = [];
  /** When set, the consent page is skipped and this account approves at once. */
  nextLogin: string | undefined;
  private readonly codes = new Map<string, PendingCode>();
  private readonly tokens = new Map<string, string>();

  // A plain field rather than a parameter property: Node runs this file with type stripping only.
  readonly options: { clientId: string; clientSecret: string; apiPrefix: string };

  constructor(options: { clientId: string; clientSecret: string; apiPrefix: string }) {
    this.options = options;
  }

  /** Adds (or replaces) an account. */
  addUser(user: StandinUser): StandinUser {
    this.users.set(user.login.toLowerCase(), user);
    return user;
  }

  /** Answers one request; anything it does not know is a 404. */
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (request.method === 'GET' && path === '/login/oauth/authorize') return this.authorize(url);
    if (request.method === 'GET' && path === '/login/oauth/authorize/approve') return this.approve(url);
    if (request.method === 'POST' && path === '/login/oauth/access_token') return this.exchange(request);
    const api = this.options.apiPrefix;
    if (request.method === 'GET' && path.startsWith(`${api}/user`)) return this.user(request, path.slice(api.length));
    return new Response('Not Found', { status: 404 });
  }

  private authorize(url: URL): Response {
    const q = url.searchParams;
    if (q.get('client_id') !== this.options.clientId) return new Response('Unknown client_id', { status: 404 });
    if (q.get('code_challenge') && q.get('code_challenge_method') !== 'S256') return new Response('Only S256 is supported', { status: 400 });
    if (this.nextLogin) {
      const approve = new URL(url);
      approve.pathname = '/login/oauth/authorize/approve';
      approve.searchParams.set('login', this.nextLogin);
      return this.approve(approve);
    }
    // The consent page: one link per account, as if each were signed in to GitHub.
    const links = [...this.users.values()]
      .map((u) => {
        const approve = new URL(url);
        approve.pathname = '/login/oauth/authorize/approve';
        approve.searchParams.set('login', u.login);
        return `<li><a href="${escapeHtml(approve.pathname + approve.search)}">Authorize as ${escapeHtml(u.login)}</a></li>`;
      })
      .join('');
    return new Response(`<!doctype html><title>Authorize application</title><h1>Authorize Greenroom</h1><ul>${links}</ul>`, {
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  }

  private approve(url: URL): Response {
    const q = url.searchParams;
    const user = this.users.get((q.get('login') ?? '').toLowerCase());
    const redirectUri = q.get('redirect_uri');
    if (!user || !redirectUri) return new Response('Unknown account or no redirect_uri', { status: 400 });
    const code = random();
    this.codes.set(code, { login: user.login, clientId: q.get('client_id') ?? '', redirectUri, challenge: q.get('code_challenge') });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    return new Response(null, { status: 302, headers: { location: back.toString() } });
  }

  private async exchange(request: Request): Promise<Response> {
    const body = await request.formData();
    const field = (name: string) => {
      const v = body.get(name);
      return typeof v === 'string' ? v : null;
    };
    const basic = /^Basic (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const [id, secret] = basic ? atob(basic).split(':') : [field('client_id'), field('client_secret')];
    const code = this.codes.get(field('code') ?? '');
    // GitHub answers every failure with HTTP 200 and an `error` field.
    const fail = (error: string) => {
      this.exchanges.push({ ok: false, error, pkce: !!field('code_verifier') });
      return json({ error, error_description: error });
    };
    if (id !== this.options.clientId || secret !== this.options.clientSecret) return fail('incorrect_client_credentials');
    if (!code || code.clientId !== id) return fail('bad_verification_code');
    this.codes.delete(field('code')!);
    if (field('redirect_uri') !== code.redirectUri) return fail('redirect_uri_mismatch');
    const verifier = field('code_verifier');
    if (code.challenge) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier ?? '')));
      if (b64url(digest) !== code.challenge) return fail('bad_verification_code');
    }
    const token = `gho_${random()}`;
    this.tokens.set(token, code.login);
    this.exchanges.push({ ok: true, pkce: !!code.challenge });
    return json({ access_token: token, token_type: 'bearer', scope: 'read:user,read:org' });
  }

  private user(request: Request, rest: string): Response {
    const token = /^(?:Bearer|token) (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const user = token ? this.users.get(this.tokens.get(token)?.toLowerCase() ?? '') : undefined;
    if (!user) return json({ message: 'Bad credentials' }, 401);
    const path = rest.split('?')[0];
    if (path === '/user') return json({ login: user.login, id: 1, name: user.name ?? null, email: user.email ?? null, avatar_url: null });
    if (path === '/user/orgs') return json((user.orgs ?? []).map((login) => ({ login })));
    if (path === '/user/teams') {
      return json((user.teams ?? []).map((t) => ({ slug: t.split('/')[1], organization: { login: t.split('/')[0] } })));
    }
    return json({ message: 'Not Found' }, 404);
  }
}
