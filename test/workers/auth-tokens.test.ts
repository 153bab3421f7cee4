import { env, SELF } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GithubOAuthStandin } from '../../scripts/lib/github-oauth-standin';
import { createToken } from '../../worker/auth/tokens';
import { ACME_CATALOG, ADMIN_IDENTITY, clearAuth, componentFile, DEPLOYED, RAW, registerAsGuest, sessionFor, stubOutbound } from './auth-support';
import { clearCatalog, d1Store } from './support';

interface TokenInfo {
  id: string;
  name: string;
  userEntityRef: string;
  scopes: string[];
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const files: Record<string, string> = { [`${RAW}/catalog-info.yaml`]: ACME_CATALOG };
let oauth: GithubOAuthStandin;

const asCookie = (cookie: string, path: string, init: RequestInit = {}) =>
  SELF.fetch(`${DEPLOYED}${path}`, { ...init, headers: { cookie, origin: DEPLOYED, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
const asToken = (secret: string, path: string, init: RequestInit = {}) =>
  SELF.fetch(`${DEPLOYED}${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

async function create(cookie: string, body: unknown): Promise<{ status: number; secret: string; token: TokenInfo }> {
  const res = await asCookie(cookie, '/api/auth/tokens', { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, ...((await res.json()) as { secret: string; token: TokenInfo }) };
}

beforeAll(async () => {
  await clearCatalog();
  stubOutbound(files);
  await registerAsGuest(`${RAW}/catalog-info.yaml`);
});

beforeEach(async () => {
  await clearAuth();
  ({ oauth } = stubOutbound(files));
});

describe('API tokens', () => {
  it('are shown once, stored only as a hash, listed with scopes, expiry and last use', async () => {
    const mia = await sessionFor(oauth, 'mia');
    const { status, secret, token } = await create(mia, { name: 'CI', scopes: ['catalog:read', 'catalog:write'], expiresInDays: 30 });
    expect(status).toBe(201);
    expect(secret).toMatch(/^grt_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'CI', userEntityRef: 'user:default/mia', scopes: ['catalog:read', 'catalog:write'], lastUsedAt: null, revokedAt: null });
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    const row = await env.DB.prepare('SELECT * FROM auth_tokens WHERE id = ?').bind(token.id).first<Record<string, string>>();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret)));
    expect(row!.hash).toBe([...digest].map((b) => b.toString(16).padStart(2, '0')).join(''));
    expect(JSON.stringify(row)).not.toContain(secret.slice(4));

    expect((await asToken(secret, '/api/catalog/entities')).status).toBe(200);
    const listed = (await (await asCookie(mia, '/api/auth/tokens')).json()) as { items: TokenInfo[] };
    expect(listed.items).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(4));
    expect(listed.items[0]!.lastUsedAt).not.toBeNull();
  });

  it('act as their creator, cut to their scopes', async () => {
    const bob = await sessionFor(oauth, 'bob');
    const reader = (await create(bob, { name: 'read', scopes: ['catalog:read'] })).secret;
    const writer = (await create(bob, { name: 'write', scopes: ['catalog:write'] })).secret;
    const refresh = { method: 'POST', body: JSON.stringify({ entityRef: 'component:default/checkout' }) };
    expect((await asToken(reader, '/api/catalog/refresh', refresh)).status).toBe(403);
    expect((await asToken(writer, '/api/catalog/refresh', refresh)).status).toBe(200);
    // Bob may delete what his groups own, and the token may delete no more than Bob.
    files[`${RAW}/mine.yaml`] = componentFile('mine', 'payments-backend');
    files[`${RAW}/theirs.yaml`] = componentFile('theirs', 'web');
    const mine = (await registerAsGuest(`${RAW}/mine.yaml`)).entities.find((e) => e.metadata.name === 'mine')!;
    const theirs = (await registerAsGuest(`${RAW}/theirs.yaml`)).entities.find((e) => e.metadata.name === 'theirs')!;
    expect((await asToken(writer, `/api/catalog/entities/by-uid/${theirs.metadata.uid}`, { method: 'DELETE' })).status).toBe(403);
    expect((await asToken(reader, `/api/catalog/entities/by-uid/${mine.metadata.uid}`, { method: 'DELETE' })).status).toBe(403);
    expect((await asToken(writer, `/api/catalog/entities/by-uid/${mine.metadata.uid}`, { method: 'DELETE' })).status).toBe(204);
    // No scope reaches tokens or admin routes: a leaked token cannot mint another.
    expect((await asToken(writer, '/api/auth/tokens', { method: 'POST', body: JSON.stringify({ name: 'x', scopes: ['catalog:read'] }) })).status).toBe(403);
    expect((await asToken(writer, '/api/auth/tokens')).status).toBe(403);
    expect((await asToken(writer, '/api/auth/sessions', { method: 'DELETE' })).status).toBe(403);
  });

  it('refuses unknown, tampered, malformed, expired and revoked tokens with 401', async () => {
    const mia = await sessionFor(oauth, 'mia');
    const { secret, token } = await create(mia, { name: 'ci', scopes: ['catalog:read'] });
    const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    for (const bad of [flipped, 'grt_unknown', secret.slice(4), `${secret}x`]) expect((await asToken(bad, '/api/catalog/entities')).status, bad).toBe(401);
    expect((await SELF.fetch(`${DEPLOYED}/api/catalog/entities`, { headers: { authorization: `Basic ${btoa('a:b')}` } })).status).toBe(401);
    // A bad token on localhost is refused too, never quietly replaced by the guest.
    expect((await SELF.fetch('http://localhost/api/catalog/entities', { headers: { authorization: `Bearer ${flipped}` } })).status).toBe(401);

    // A token whose time is up, though it worked a moment ago (and sits in the isolate's cache).
    const brief = await createToken(d1Store().db, ADMIN_IDENTITY, { name: 'brief', scopes: ['catalog:read'], days: 1 / 86_400 });
    expect((await asToken(brief.secret, '/api/catalog/entities')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await asToken(brief.secret, '/api/catalog/entities');
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);

    expect((await asCookie(mia, `/api/auth/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    const res = await asToken(secret, '/api/catalog/entities');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
  });

  it('are revoked by their owner or an admin only', async () => {
    const [mia, bob, ada] = [await sessionFor(oauth, 'mia'), await sessionFor(oauth, 'bob'), await sessionFor(oauth, 'ada')];
    const { secret, token } = await create(mia, { name: 'ci', scopes: ['catalog:read'] });
    expect((await asCookie(bob, `/api/auth/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(404);
    // Bob's attempt left it working.
    expect((await asToken(secret, '/api/catalog/entities')).status).toBe(200);
    const all = (await (await asCookie(ada, '/api/auth/tokens/all')).json()) as { items: TokenInfo[] };
    expect(all.items.map((t) => t.id)).toContain(token.id);
    expect((await asCookie(ada, `/api/auth/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await asToken(secret, '/api/catalog/entities')).status).toBe(401);
  });

  it('validate what they are created with', async () => {
    const mia = await sessionFor(oauth, 'mia');
    for (const body of [{ scopes: ['catalog:read'] }, { name: 'x', scopes: [] }, { name: 'x', scopes: ['admin'] }, { name: 'x', scopes: ['catalog:read'], expiresInDays: 400 }, { name: 'x', scopes: ['catalog:read'], expiresInDays: 0.5 }]) {
      expect((await create(mia, body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('the audit log', () => {
  it('records every write — who, what, when, through which token — refused ones too, and only admins read it', async () => {
    const [ada, mia] = [await sessionFor(oauth, 'ada'), await sessionFor(oauth, 'mia')];
    const { secret, token } = await create(ada, { name: 'deploy', scopes: ['catalog:write'] });
    const refresh = { method: 'POST', body: JSON.stringify({ entityRef: 'component:default/checkout' }) };
    expect((await asToken(secret, '/api/catalog/refresh', refresh)).status).toBe(200);
    files[`${RAW}/other.yaml`] = componentFile('other', 'payments');
    const other = await registerAsGuest(`${RAW}/other.yaml`);
    expect((await asCookie(mia, `/api/catalog/locations/${other.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await asCookie(mia, '/api/catalog/entities')).status).toBe(200);

    expect((await asCookie(mia, '/api/auth/audit')).status).toBe(403);
    const log = (await (await asCookie(ada, '/api/auth/audit?limit=20')).json()) as { items: Record<string, unknown>[] };
    const shape = log.items.map(({ actor, via, tokenId, action, method, path, status }) => ({ actor, via, tokenId, action, method, path, status }));
    expect(shape).toEqual([
      { actor: 'user:default/mia', via: 'session', tokenId: undefined, action: 'catalog.location.unregister', method: 'DELETE', path: `/api/catalog/locations/${other.id}`, status: 403 },
      { actor: 'user:default/guest', via: 'guest', tokenId: undefined, action: 'catalog.location.register', method: 'POST', path: '/api/catalog/locations', status: 201 },
      { actor: 'user:default/ada.lovelace', via: 'token', tokenId: token.id, action: 'catalog.entity.refresh', method: 'POST', path: '/api/catalog/refresh', status: 200 },
      { actor: 'user:default/ada.lovelace', via: 'session', tokenId: undefined, action: 'tokens.manage', method: 'POST', path: '/api/auth/tokens', status: 201 },
      { actor: 'user:default/mia', via: 'sign-in', tokenId: undefined, action: 'auth.signin', method: 'GET', path: '/api/auth/github/handler/frame', status: 302 },
      { actor: 'user:default/ada.lovelace', via: 'sign-in', tokenId: undefined, action: 'auth.signin', method: 'GET', path: '/api/auth/github/handler/frame', status: 302 },
    ]);
    for (const item of log.items) expect(Date.now() - Date.parse(item.at as string)).toBeLessThan(60_000);
  });
});
