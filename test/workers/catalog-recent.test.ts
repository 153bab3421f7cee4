// GET /api/catalog/entities/recently-changed: the home page's "recently changed" list.

import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACME_CATALOG, RAW, registerAsGuest, stubOutbound } from './auth-support';
import { clearCatalog } from './support';

type Recent = { items: { changedAt: string; entity: { kind: string; metadata: { name: string; description?: string }; spec?: unknown } }[] };

const recent = (query = '') => SELF.fetch(`http://localhost/api/catalog/entities/recently-changed${query}`);

beforeAll(async () => {
  await clearCatalog();
  stubOutbound({ [`${RAW}/catalog-info.yaml`]: ACME_CATALOG });
  await registerAsGuest(`${RAW}/catalog-info.yaml`);
  // Every entity was written in the same instant: spread them out so the order is known.
  await env.DB.prepare(`UPDATE entities SET updated_at = '2026-01-01T00:00:00.000Z'`).run();
  await env.DB.prepare(`UPDATE entities SET updated_at = '2026-03-01T00:00:00.000Z' WHERE ref = 'component:default/storefront'`).run();
  await env.DB.prepare(`UPDATE entities SET updated_at = '2026-02-01T00:00:00.000Z' WHERE ref = 'group:default/web'`).run();
});

describe('recently changed entities', () => {
  it('lists the newest changes first, with when they happened', async () => {
    const res = await recent('?limit=3');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as Recent;
    expect(items.map((i) => `${i.entity.kind}:${i.entity.metadata.name}`).slice(0, 2)).toEqual(['Component:storefront', 'Group:web']);
    expect(items.map((i) => i.changedAt)).toEqual(['2026-03-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
  });

  it('narrows by filter and projects fields as the other entity routes do', async () => {
    const { items } = (await (await recent('?filter=kind=component&fields=kind,metadata.name')).json()) as Recent;
    expect(items.map((i) => i.entity)).toEqual([
      { kind: 'Component', metadata: { name: 'storefront' } },
      { kind: 'Component', metadata: { name: 'checkout' } },
    ]);
  });

  it('answers ten by default and refuses a bad or too large limit', async () => {
    const { items } = (await (await recent()).json()) as Recent;
    const total = (await env.DB.prepare('SELECT count(*) AS n FROM entities').first<{ n: number }>())!.n;
    // Only a catalog larger than the default shows the default is what cut the list.
    expect(total).toBeGreaterThan(10);
    expect(items).toHaveLength(10);
    for (const query of ['?limit=101', '?limit=-1', '?limit=ten']) {
      const res = await recent(query);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ error: { name: 'InputError' } });
    }
  });
});
