import { createExecutionContext, env, SELF } from 'cloudflare:test';
import { SignJWT } from 'jose';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import type { GithubOAuthStandin } from '../../scripts/lib/github-oauth-standin';
import { ACME_CATALOG, clearAuth, cookieFrom, DEPLOYED, RAW, registerAsGuest, sessionFor, signIn, stubOutbound, viaSelf, type Fetcher } from './auth-support';
import { clearCatalog } from './support';

interface Me {
  signedIn: boolean;
  via?: string;
  guest?: boolean;
  role?: string | null;
  identity?: { userEntityRef: string; ownershipEntityRefs: string[]; displayName: string; email?: string; login?: string; inCatalog: boolean };
  permissions?: Record<string, string>;
}

const me = async (cookie?: string, origin = DEPLOYED, fetcher: Fetcher = viaSelf) =>
  (await (await fetcher(`${origin}/api/auth/me`, { headers: cookie ? { cookie } : {} })).json()) as Me;
const entities = (cookie: string, origin = DEPLOYED) => SELF.fetch(`${origin}/api/catalog/entities?fields=metadata.name`, { headers: { cookie } });

/** The Worker with some vars changed, for configurations the default test env does not have. */
function withVars(vars: Record<string, string>): Fetcher {
  const changed = { ...env, ...vars };
  return async (url, init) => worker.fetch(new Request(url, { redirect: 'manual', ...init }), changed, createExecutionContext());
}

let oauth: GithubOAuthStandin;

beforeAll(async () => {
  await clearCatalog();
  stubOutbound({ [`${RAW}/catalog-info.yaml`]: ACME_CATALOG });
  await registerAsGuest(`${RAW}/catalog-info.yaml`);
});

beforeEach(async () => {
  await clearAuth();
  ({ oauth } = stubOutbound({ [`${RAW}/catalog-info.yaml`]: ACME_CATALOG }));
});

describe('sign-in with GitHub', () => {
  it('redirects to GitHub with state and an S256 PKCE challenge, and remembers them in an encrypted HttpOnly cookie', async () => {
    const start = await viaSelf(`${DEPLOYED}/api/auth/github/start?redirect=/catalog`);
    expect(start.status).toBe(302);
    const url = new URL(start.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).toBe('https://ghe.test/login/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe('test-client-id');
    expect(url.searchParams.get('redirect_uri')).toBe(`${DEPLOYED}/api/auth/github/handler/frame`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    const setCookie = start.headers.getSetCookie().find((c) => c.startsWith('__Host-greenroom-oauth='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    // Encrypted: neither the state nor the verifier can be read from it.
    expect(setCookie).not.toContain(url.searchParams.get('state')!);
    expect(setCookie.split(';')[0]!.split('=')[1]!.split('.')).toHaveLength(5);
  });

  it('signs in: session cookie, identity from the catalog with ownership up the group tree, back where the user started', async () => {
    const { callback, cookie } = await signIn(oauth, 'bob', { redirect: '/catalog/default/component/checkout' });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/catalog/default/component/checkout');
    expect(oauth.exchanges).toEqual([{ ok: true, pkce: true }]);
    const setCookie = callback.headers.getSetCookie().find((c) => c.startsWith('__Host-greenroom-session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Expires=/);
    // The OAuth transaction cookie is spent.
    expect(callback.headers.getSetCookie().find((c) => c.startsWith('__Host-greenroom-oauth='))).toMatch(/Max-Age=0/);
    const who = await me(cookie);
    expect(who).toMatchObject({ signedIn: true, via: 'session', guest: false, role: 'member' });
    // Found by name (bob has no annotation); payments-backend's parents come along.
    expect(who.identity).toMatchObject({
      userEntityRef: 'user:default/bob',
      displayName: 'Bob Builder',
      login: 'bob',
      inCatalog: true,
      ownershipEntityRefs: ['user:default/bob', 'group:default/acme', 'group:default/payments', 'group:default/payments-backend'],
    });
    expect(who.permissions).toMatchObject({ 'catalog.read': 'allow', 'catalog.location.register': 'allow', 'catalog.entity.delete': 'conditional', admin: 'deny' });
    expect((await entities(cookie!)).status).toBe(200);
  });

  it('finds users by their github.com/user-login annotation first', async () => {
    const who = await me(await sessionFor(oauth, 'ada'));
    expect(who.identity).toMatchObject({ userEntityRef: 'user:default/ada.lovelace', displayName: 'Ada Lovelace', email: 'ada@acme.example' });
    expect(who.role).toBe('admin');
  });

  it('refuses a callback whose state does not match, or that has no transaction cookie, without signing in', async () => {
    const start = await viaSelf(`${DEPLOYED}/api/auth/github/start`);
    const transaction = cookieFrom(start, '__Host-greenroom-oauth')!;
    oauth.nextLogin = 'bob';
    const consent = await oauth.fetch(new Request(start.headers.get('location')!));
    const back = new URL(consent.headers.get('location')!);
    const forged = new URL(back);
    forged.searchParams.set('state', 'attacker-chosen-state');
    const wrongState = await viaSelf(forged.toString(), { headers: { cookie: transaction } });
    expect(wrongState.status).toBe(400);
    expect(((await wrongState.json()) as { error: { message: string } }).error.message).toMatch(/state/i);
    expect(cookieFrom(wrongState, '__Host-greenroom-session')).toBeUndefined();
    const noCookie = await viaSelf(back.toString());
    expect(noCookie.status).toBe(400);
    expect(cookieFrom(noCookie, '__Host-greenroom-session')).toBeUndefined();
    // Nothing was exchanged with GitHub: the code was never used.
    expect(oauth.exchanges).toEqual([]);
    const sessions = await env.DB.prepare('SELECT count(*) AS n FROM auth_sessions').first<{ n: number }>();
    expect(sessions?.n).toBe(0);
  });

  it('refuses a code GitHub does not accept (wrong PKCE verifier, replayed code)', async () => {
    const { callback } = await signIn(oauth, 'bob');
    expect(callback.status).toBe(302);
    // The same callback again: the transaction cookie is gone and the code is spent.
    const start = await viaSelf(`${DEPLOYED}/api/auth/github/start`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    oauth.nextLogin = 'bob';
    const consent = await oauth.fetch(new Request(start.headers.get('location')!.replace(/code_challenge=[^&]+/, 'code_challenge=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')));
    const back = new URL(consent.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe(state);
    const res = await viaSelf(back.toString(), { headers: { cookie: cookieFrom(start, '__Host-greenroom-oauth')! } });
    expect(res.status).toBe(401);
    expect(oauth.exchanges.at(-1)).toEqual({ ok: false, error: 'bad_verification_code', pkce: true });
  });

  it('tells a GitHub user the catalog does not know why they cannot sign in, or signs them in minimally when allowed (admins always)', async () => {
    const refused = await signIn(oauth, 'nobody');
    expect(refused.callback.headers.get('location')).toBe('/sign-in?error=not-in-catalog&login=nobody');
    expect(refused.cookie).toBeUndefined();
    const minimal = await signIn(oauth, 'nobody', { fetcher: withVars({ AUTH_UNKNOWN_USERS: 'minimal' }) });
    expect(minimal.cookie).toBeDefined();
    const who = await me(minimal.cookie, DEPLOYED, withVars({ AUTH_UNKNOWN_USERS: 'minimal' }));
    expect(who.identity).toMatchObject({ userEntityRef: 'user:default/nobody', ownershipEntityRefs: ['user:default/nobody'], displayName: 'Not In The Catalog', inCatalog: false });
    expect(who.role).toBe('member');
    // Someone GitHub alone makes an admin gets in regardless, so an empty catalog has someone to fill it.
    const admin = await signIn(oauth, 'boss');
    expect((await me(admin.cookie)).identity).toMatchObject({ userEntityRef: 'user:default/boss', inCatalog: false });
    expect((await me(admin.cookie)).role).toBe('admin');
  });

  it('limits sign-in to members of the configured organisations', async () => {
    const limited = withVars({ AUTH_ALLOWED_ORGS: 'acme' });
    const outsider = await signIn(oauth, 'vic', { fetcher: limited });
    expect(outsider.callback.headers.get('location')).toBe('/sign-in?error=not-in-org&login=vic');
    expect(outsider.cookie).toBeUndefined();
    expect((await signIn(oauth, 'mia', { fetcher: limited })).cookie).toBeDefined();
    const audit = await env.DB.prepare("SELECT actor, status, detail FROM auth_audit WHERE action = 'auth.signin' ORDER BY id").all();
    expect(audit.results).toEqual([
      { actor: 'github:vic', status: 403, detail: 'not in an allowed organisation' },
      { actor: 'user:default/mia', status: 302, detail: 'github:mia' },
    ]);
  });

  it('sends a user who declined on GitHub back to the sign-in page', async () => {
    const res = await viaSelf(`${DEPLOYED}/api/auth/github/handler/frame?error=access_denied&state=x`);
    expect(res.headers.get('location')).toBe('/sign-in?error=github-denied');
  });

  it('never redirects off the portal after sign-in', async () => {
    for (const redirect of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      expect((await signIn(oauth, 'bob', { redirect })).callback.headers.get('location')).toBe('/');
    }
  });

  it('is not available until an OAuth client is configured', async () => {
    const res = await withVars({ AUTH_GITHUB_CLIENT_ID: '' })(`${DEPLOYED}/api/auth/github/start`);
    expect(res.status).toBe(503);
  });
});

describe('sessions', () => {
  it('refuses tampered, forged, expired and revoked sessions with 401', async () => {
    const cookie = await sessionFor(oauth, 'mia');
    const [name, jwt] = cookie.split('=') as [string, string];
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const tampered = `${name}=${header}.${b64({ ...claims, sub: 'user:default/ada.lovelace' })}.${signature}`;
    const key = new TextEncoder().encode('not-the-secret');
    const forged = `${name}=${await new SignJWT({ sid: claims.sid }).setProtectedHeader({ alg: 'HS256' }).setIssuer('greenroom').setAudience('greenroom-session').setExpirationTime('1h').sign(key)}`;
    const unsigned = `${name}=${b64({ alg: 'none' })}.${payload}.`;
    for (const bad of [tampered, forged, unsigned, `${name}=garbage`]) {
      const res = await entities(bad);
      expect(res.status, bad).toBe(401);
    }
    // Signed out: the same cookie stops working at once.
    const out = await SELF.fetch(`${DEPLOYED}/api/auth/github/logout`, { method: 'POST', headers: { cookie, origin: DEPLOYED } });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join()).toMatch(/__Host-greenroom-session=;.*Max-Age=0/);
    expect((await entities(cookie)).status).toBe(401);
    // An invalid cookie on /me is anonymous (and cleared), never an error.
    expect(await me(cookie)).toMatchObject({ signedIn: false });
  });

  it('ends a session when its time is up', async () => {
    const brief = withVars({ AUTH_SESSION_HOURS: String(1.5 / 3600) });
    const { cookie } = await signIn(oauth, 'mia', { fetcher: brief });
    const get = () => brief(`${DEPLOYED}/api/catalog/entities`, { headers: { cookie: cookie! } });
    expect((await get()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await get()).status).toBe(401);
  });

  it('refuses a session whose JWT has expired, even while its row lives', async () => {
    const cookie = await sessionFor(oauth, 'mia');
    const claims = JSON.parse(atob(cookie.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sid: string };
    const key = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`greenroom/session\u0000${env.AUTH_SESSION_SECRET}`)));
    const stale = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user:default/mia')
      .setIssuer('greenroom')
      .setAudience('greenroom-session')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    expect((await entities(`__Host-greenroom-session=${stale}`)).status).toBe(401);
    // The same claims, still valid: proves the key is the right one and only the expiry refused it.
    const fresh = await new SignJWT({ sid: claims.sid }).setProtectedHeader({ alg: 'HS256' }).setIssuer('greenroom').setAudience('greenroom-session').setExpirationTime('1h').sign(key);
    expect((await entities(`__Host-greenroom-session=${fresh}`)).status).toBe(200);
  });

  it('signs out everywhere: every session of the user is revoked, other users keep theirs', async () => {
    const laptop = await sessionFor(oauth, 'bob');
    const phone = await sessionFor(oauth, 'bob');
    const other = await sessionFor(oauth, 'mia');
    const res = await SELF.fetch(`${DEPLOYED}/api/auth/sessions`, { method: 'DELETE', headers: { cookie: laptop, origin: DEPLOYED } });
    expect(await res.json()).toEqual({ revoked: 2 });
    expect((await entities(laptop)).status).toBe(401);
    expect((await entities(phone)).status).toBe(401);
    expect((await entities(other)).status).toBe(200);
  });

  it('refreshes: re-reads group membership from the catalog and re-issues the cookie, in Backstage’s shape', async () => {
    const cookie = await sessionFor(oauth, 'bob');
    const res = await SELF.fetch(`${DEPLOYED}/api/auth/github/refresh`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      profile: { displayName: 'Bob Builder' },
      providerInfo: {},
      backstageIdentity: {
        identity: {
          type: 'user',
          userEntityRef: 'user:default/bob',
          ownershipEntityRefs: ['user:default/bob', 'group:default/acme', 'group:default/payments', 'group:default/payments-backend'],
        },
      },
    });
    const renewed = cookieFrom(res, '__Host-greenroom-session')!;
    expect(renewed).toBeDefined();
    expect((await entities(renewed)).status).toBe(200);
  });
});

describe('guest mode', () => {
  it('makes local requests without credentials a guest admin, shown as such', async () => {
    const who = await me(undefined, 'http://127.0.0.1:8787');
    expect(who).toMatchObject({ signedIn: true, via: 'guest', guest: true, role: 'admin', identity: { userEntityRef: 'user:default/guest' } });
  });

  it('is refused off localhost whatever the configuration says, and off when not configured', async () => {
    for (const origin of [DEPLOYED, 'https://localhost.evil.example', 'https://127.0.0.1.nip.io']) {
      expect((await SELF.fetch(`${origin}/api/catalog/entities`)).status, origin).toBe(401);
      expect(await me(undefined, origin)).toEqual({ signedIn: false, signIn: { github: true } });
    }
    const off = withVars({ AUTH_GUEST_MODE: 'false' });
    expect((await off('http://localhost/api/catalog/entities')).status).toBe(401);
  });

  it('gives a token the guest created admin rights locally only', async () => {
    const created = await SELF.fetch('http://localhost/api/auth/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'local script', scopes: ['catalog:write'] }),
    });
    const { secret } = (await created.json()) as { secret: string };
    const authorization = `Bearer ${secret}`;
    const body = JSON.stringify({ entityRef: 'component:default/checkout' });
    const headers = { authorization, 'content-type': 'application/json' };
    expect((await SELF.fetch('http://localhost/api/catalog/refresh', { method: 'POST', headers, body })).status).toBe(200);
    expect((await SELF.fetch(`${DEPLOYED}/api/catalog/refresh`, { method: 'POST', headers, body })).status).toBe(403);
  });
});

describe('web hardening', () => {
  it('refuses state-changing requests from another site, with a session, a token-less guest or none', async () => {
    const cookie = await sessionFor(oauth, 'ada');
    const post = (origin: string, headers: Record<string, string>) =>
      SELF.fetch(`${origin}/api/catalog/refresh`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ entityRef: 'component:default/checkout' }) });
    expect((await post(DEPLOYED, { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(DEPLOYED, { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post(DEPLOYED, { cookie, 'sec-fetch-site': 'same-site', origin: 'https://sub.greenroom.example.com' })).status).toBe(403);
    expect((await post(DEPLOYED, { cookie, origin: 'null' })).status).toBe(403);
    // A cookie alone, with neither header, is what an old or odd browser would send: refused too.
    expect((await post(DEPLOYED, { cookie })).status).toBe(403);
    // A page elsewhere driving the local guest's browser against 127.0.0.1 is refused the same way.
    expect((await post('http://127.0.0.1:8787', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('http://127.0.0.1:8787', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Same origin, or a non-browser client without a cookie, goes through.
    expect((await post(DEPLOYED, { cookie, origin: DEPLOYED })).status).toBe(200);
    expect((await post(DEPLOYED, { cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post('http://127.0.0.1:8787', {})).status).toBe(200);
    // Sign-out is a write like any other.
    expect((await SELF.fetch(`${DEPLOYED}/api/auth/github/logout`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await entities(cookie)).status).toBe(200);
  });

  it('exempts only the signed webhook, which still refuses a bad signature', async () => {
    const res = await SELF.fetch(`${DEPLOYED}/api/github/webhook`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'x-github-event': 'ping', 'x-github-delivery': 'd-1', 'x-hub-signature-256': 'sha256=00' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/X-Hub-Signature-256/);
  });

  it('sends security headers with every API response', async () => {
    for (const res of [await SELF.fetch(`${DEPLOYED}/api/catalog/entities`), await SELF.fetch('http://localhost/api/health')]) {
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    }
  });

  it('rate-limits sign-in per client and token creation per user', async () => {
    const limited = withVars({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    const start = (ip: string) => limited(`${DEPLOYED}/api/auth/github/start`, { headers: { 'cf-connecting-ip': ip } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await start('203.0.113.7')).status);
    expect(statuses).toEqual([302, 302, 302, 429, 429]);
    expect((await start('203.0.113.8')).status).toBe(302);
    const callback = await limited(`${DEPLOYED}/api/auth/github/handler/frame?code=x&state=y`, { headers: { 'cf-connecting-ip': '203.0.113.7' } });
    expect(callback.status).toBe(429);

    const create = () =>
      limited('http://localhost/api/auth/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ci', scopes: ['catalog:read'] }) });
    const created = [];
    for (let i = 0; i < 4; i++) created.push((await create()).status);
    expect(created).toEqual([201, 201, 201, 429]);
  });
});
