// Stars: each signed-in person's starred entities, kept on the server (worker/settings/).

import { env, SELF } from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_STARS } from '../../worker/settings/stars';
import type { GithubOAuthStandin } from '../../scripts/lib/github-oauth-standin';
import { ACME_CATALOG, ADMIN_IDENTITY, apiToken, clearAuth, DEPLOYED, RAW, registerAsGuest, sessionFor, stubOutbound } from './auth-support';
import { clearCatalog } from './support';

type Stars = { items: { entityRef: string; starredAt: string }[] };

let oauth: GithubOAuthStandin;

/** A request to /api/settings as the local guest, or as a signed-in person when `cookie` is given. */
function settings(method: string, path: string, cookie?: string): Promise<Response> {
  const origin = cookie ? DEPLOYED : 'http://localhost';
  return SELF.fetch(`${origin}/api/settings${path}`, { method, headers: { origin, ...(cookie ? { cookie } : {}) } });
}

async function starred(cookie?: string): Promise<string[]> {
  const res = await settings('GET', '/starred', cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as Stars).items.map((s) => s.entityRef);
}

beforeAll(async () => {
  await clearCatalog();
  await clearAuth();
  ({ oauth } = stubOutbound({ [`${RAW}/catalog-info.yaml`]: ACME_CATALOG }));
  await registerAsGuest(`${RAW}/catalog-info.yaml`);
});

beforeEach(async () => {
  await env.DB.prepare('DELETE FROM user_starred_entities').run();
});

describe('starring entities', () => {
  it('stars, lists newest first, keeps the first time on a repeat, and unstars', async () => {
    expect(await starred()).toEqual([]);
    expect((await settings('PUT', '/starred/component/default/checkout')).status).toBe(204);
    const first = ((await (await settings('GET', '/starred')).json()) as Stars).items[0]!;
    expect(first.entityRef).toBe('component:default/checkout');
    expect(Number.isNaN(Date.parse(first.starredAt))).toBe(false);

    await new Promise((r) => setTimeout(r, 5));
    expect((await settings('PUT', '/starred/group/default/payments')).status).toBe(204);
    expect((await settings('PUT', '/starred/component/default/checkout')).status).toBe(204);
    const listed = ((await (await settings('GET', '/starred')).json()) as Stars).items;
    expect(listed.map((s) => s.entityRef)).toEqual(['group:default/payments', 'component:default/checkout']);
    expect(listed[1]!.starredAt).toBe(first.starredAt);

    expect((await settings('DELETE', '/starred/component/default/checkout')).status).toBe(204);
    expect(await starred()).toEqual(['group:default/payments']);
    // Unstarring what is not starred changes nothing and is not an error.
    expect((await settings('DELETE', '/starred/component/default/checkout')).status).toBe(204);
    expect(await starred()).toEqual(['group:default/payments']);
  });

  it('stores refs in the catalog form, whatever case the URL uses', async () => {
    expect((await settings('PUT', '/starred/Component/DEFAULT/Checkout')).status).toBe(204);
    expect(await starred()).toEqual(['component:default/checkout']);
    expect((await settings('DELETE', '/starred/COMPONENT/default/checkout')).status).toBe(204);
    expect(await starred()).toEqual([]);
  });

  it('refuses to star an entity that is not in the catalog, in the catalog error format', async () => {
    const res = await settings('PUT', '/starred/component/default/nowhere');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { name: 'NotFoundError', message: "No entity named 'component:default/nowhere' found" }, response: { statusCode: 404 } });
    expect(await starred()).toEqual([]);
  });

  it('keeps each person’s stars apart', async () => {
    const bob = await sessionFor(oauth, 'bob');
    const mia = await sessionFor(oauth, 'mia');
    expect((await settings('PUT', '/starred/component/default/checkout', bob)).status).toBe(204);
    expect((await settings('PUT', '/starred/component/default/storefront', mia)).status).toBe(204);
    expect(await starred(bob)).toEqual(['component:default/checkout']);
    expect(await starred(mia)).toEqual(['component:default/storefront']);
    expect(await starred()).toEqual([]);
    // Mia unstarring Bob's star touches only her own (absent) one.
    expect((await settings('DELETE', '/starred/component/default/checkout', mia)).status).toBe(204);
    expect(await starred(bob)).toEqual(['component:default/checkout']);
  });

  it(`stops at ${MAX_STARS} stars, and still accepts repeating an existing one`, async () => {
    const now = new Date().toISOString();
    const fill = Array.from({ length: MAX_STARS }, (_, i) =>
      env.DB.prepare('INSERT INTO user_starred_entities (user_ref, entity_ref, starred_at) VALUES (?, ?, ?)').bind('user:default/guest', `component:default/x${i}`, now),
    );
    fill[0] = env.DB.prepare('INSERT INTO user_starred_entities (user_ref, entity_ref, starred_at) VALUES (?, ?, ?)').bind('user:default/guest', 'component:default/checkout', now);
    await env.DB.batch(fill);
    const full = await settings('PUT', '/starred/component/default/storefront');
    expect(full.status).toBe(409);
    expect(await full.json()).toMatchObject({ error: { name: 'ConflictError' } });
    expect((await settings('PUT', '/starred/component/default/checkout')).status).toBe(204);
    expect((await starred()).length).toBe(MAX_STARS);
    expect(await starred()).not.toContain('component:default/storefront');
  });

  it('refuses anonymous callers and API tokens', async () => {
    const anonymous = await SELF.fetch(`${DEPLOYED}/api/settings/starred`);
    expect(anonymous.status).toBe(401);
    const put = await SELF.fetch(`${DEPLOYED}/api/settings/starred/component/default/checkout`, { method: 'PUT', headers: { origin: DEPLOYED } });
    expect(put.status).toBe(401);
    // Even a token with every catalog scope, acting as an admin, is no person with stars.
    const token = await apiToken(ADMIN_IDENTITY, ['catalog:read', 'catalog:write']);
    const bearer = { authorization: `Bearer ${token}`, origin: DEPLOYED };
    const list = await SELF.fetch(`${DEPLOYED}/api/settings/starred`, { headers: bearer });
    expect(list.status).toBe(403);
    expect(await list.json()).toMatchObject({ error: { name: 'NotAllowedError' } });
    expect((await SELF.fetch(`${DEPLOYED}/api/settings/starred/component/default/checkout`, { method: 'PUT', headers: bearer })).status).toBe(403);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM user_starred_entities').first<{ n: number }>()).toEqual({ n: 0 });
  });
});
