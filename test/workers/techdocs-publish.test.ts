import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../worker/auth/actions';
import { createToken } from '../../worker/auth/tokens';
import { d1Store } from './support';
import { api, bucketKeys, checkoutSite, clearDocs, materialPage, PNG, publish, registerComponents, tarGz, zip } from './techdocs-support';

interface Nav {
  site_name: string;
  nav: unknown[];
  pages: Record<string, { title: string; file: string; toc: { id: string; title: string; children: { id: string }[] }[] }>;
}

const text = async (path: string) => (await api(path)).text();

describe('publishing a techdocs-cli site', () => {
  beforeEach(async () => {
    await clearDocs();
    await registerComponents(['checkout', 'basket']);
  });

  it('stores an uploaded tar.gz under <namespace>/<kind>/<name>/, sanitized, with metadata, nav and TOC', async () => {
    const res = await publish('default/Component/Checkout', tarGz(checkoutSite()));
    expect(res.status, await res.clone().text()).toBe(200);
    const result = (await res.json()) as { etag: string; files: number; removed: number };
    expect(result).toMatchObject({ removed: 0 });
    expect(result.etag).toMatch(/^[0-9a-f]{64}$/);

    // Scripts are not kept; everything else is, under the lowercased triplet.
    expect(await bucketKeys('default/component/checkout/')).toEqual(
      [
        '404.html', 'assets/stylesheets/main.css', 'guides/deploy/index.html', 'guides/setup/index.html', 'img/diagram.png', 'index.html',
        'search/search_index.json', 'sitemap.xml', 'techdocs_metadata.json', 'techdocs_nav.json',
      ].map((p) => `default/component/checkout/${p}`),
    );

    const meta = (await (await api('/metadata/techdocs/default/component/checkout')).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({ site_name: 'Checkout docs', site_description: 'How checkout works', etag: result.etag });
    expect(meta.build_timestamp).toBeGreaterThan(Date.now() - 60_000);
    expect(meta.files).toContain('guides/setup/index.html');
    expect(meta.files).not.toContain('assets/javascripts/bundle.js');

    // The page keeps only the article, sanitized, in the standard document.
    const home = await text('/static/docs/default/component/checkout/index.html');
    expect(home).toContain('<article class="md-content__inner md-typeset gr-doc">');
    expect(home).toContain('<h2 id="overview">Overview<a class="headerlink" href="#overview">¶</a></h2>');
    expect(home).toContain('<img src="img/diagram.png" alt="diagram">');
    expect(home).not.toMatch(/<script|md-header|md-footer|Made with Material/);

    const nav = (await (await api('/static/docs/default/component/checkout/techdocs_nav.json')).json()) as Nav;
    expect(nav.site_name).toBe('Checkout docs');
    expect(nav.nav).toEqual([{ title: 'Home', path: '' }, { title: 'Guides', children: [{ title: 'Setup', path: 'guides/setup/' }, { title: 'Deploy', path: 'guides/deploy/' }] }]);
    expect(nav.pages['guides/setup/']).toMatchObject({ title: 'Setup', file: 'guides/setup/index.html', toc: [{ id: 'install', title: 'Install', children: [{ id: 'config' }] }] });
    expect(nav.pages['404.html']).toBeUndefined();

    const status = (await (await api('/status/default/component/checkout')).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ entityRef: 'component:default/checkout', techdocsRef: 'dir:.', state: 'ok', source: 'upload', etag: result.etag, error: null });

    const sites = (await (await api('/sites')).json()) as { items: Record<string, unknown>[] };
    expect(sites.items).toEqual([expect.objectContaining({ entityRef: 'component:default/checkout', title: 'checkout service', siteName: 'Checkout docs', owner: 'platform', state: 'ok' })]);
  });

  it('serves files with their content type, ETag and 304, no-cache, nosniff and a script-free CSP', async () => {
    await publish('default/component/checkout', zip(checkoutSite()), 'application/zip');
    const page = await api('/static/docs/default/component/checkout/guides/setup/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('private, no-cache');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(await page.text()).toContain('<h1 id="setup">Setup</h1>');

    const again = await api('/static/docs/default/component/checkout/guides/setup/index.html', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');

    const image = await api('/static/docs/default/component/checkout/img/diagram.png');
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG);
    expect((await api('/static/docs/default/component/checkout/assets/stylesheets/main.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await api('/static/docs/default/component/checkout/assets/javascripts/bundle.js')).status).toBe(404);
    expect((await api('/static/docs/default/component/checkout/nothing/here/')).status).toBe(404);
  });

  it('republishing replaces the site and removes files the new one does not have', async () => {
    await publish('default/component/checkout', tarGz(checkoutSite()));
    const smaller = checkoutSite({ 'guides/setup/index.html': materialPage('Setup', '<h1 id="setup">Setup v2</h1>') });
    delete smaller['guides/deploy/index.html'];
    delete smaller['img/diagram.png'];
    const res = await publish('default/component/checkout', tarGz(smaller));
    expect(((await res.json()) as { removed: number }).removed).toBe(2);
    expect(await bucketKeys('default/component/checkout/guides/')).toEqual(['default/component/checkout/guides/setup/index.html']);
    expect((await api('/static/docs/default/component/checkout/img/diagram.png')).status).toBe(404);
    expect(await text('/static/docs/default/component/checkout/guides/setup/')).toContain('Setup v2');
    const meta = (await (await api('/metadata/techdocs/default/component/checkout')).json()) as { files: string[] };
    expect(meta.files).not.toContain('guides/deploy/index.html');
    // Another entity's site is not touched by it.
    await publish('default/component/basket', tarGz(checkoutSite()));
    await publish('default/component/checkout', tarGz(smaller));
    expect(await bucketKeys('default/component/basket/guides/')).toHaveLength(2);
  });

  it('finds uploaded pages through the portal search, one result per page, with highlights', async () => {
    await publish('default/component/checkout', tarGz(checkoutSite()));
    const res = await SELF.fetch('http://localhost/api/search/query?term=capacitor&types[]=techdocs');
    const body = (await res.json()) as { results: { type: string; document: Record<string, string>; highlight: { fields: Record<string, string> } }[]; numberOfResults: number };
    expect(body.numberOfResults).toBe(1);
    expect(body.results[0]).toMatchObject({
      type: 'techdocs',
      document: { title: 'Setup', location: '/docs/default/component/checkout/guides/setup/', name: 'checkout', kind: 'component', namespace: 'default', entityTitle: 'checkout service' },
    });
    expect(body.results[0]!.highlight.fields.text).toContain('<gr-hl>capacitor</gr-hl>');
    // Mixed with catalog results when no type is asked for.
    const all = (await (await SELF.fetch('http://localhost/api/search/query?term=checkout')).json()) as { results: { type: string }[] };
    expect(new Set(all.results.map((r) => r.type))).toEqual(new Set(['software-catalog', 'techdocs']));
  });

  it('pages through catalog and docs results together, every result exactly once, in rank order', async () => {
    await publish('default/component/checkout', tarGz(checkoutSite()));
    await publish('default/component/basket', tarGz(checkoutSite()));
    type Page = { results: { type: string; document: { location: string } }[]; numberOfResults: number; nextPageCursor?: string };
    const query = async (params: string) => (await (await SELF.fetch(`http://localhost/api/search/query?term=checkout&${params}`)).json()) as Page;
    const whole = await query('pageLimit=100');
    expect(new Set(whole.results.map((r) => r.type))).toEqual(new Set(['software-catalog', 'techdocs']));
    expect(whole.results.length).toBeGreaterThanOrEqual(3);
    expect(whole.numberOfResults).toBe(whole.results.length);
    const paged: string[] = [];
    let cursor: string | undefined = '0';
    while (cursor !== undefined) {
      const page: Page = await query(`pageLimit=1&pageCursor=${cursor}`);
      expect(page.results).toHaveLength(1);
      paged.push(page.results[0]!.document.location);
      cursor = page.nextPageCursor;
    }
    expect(paged).toEqual(whole.results.map((r) => r.document.location));
  });

  it('refuses what is not a site archive, or an unknown entity, and keeps the current site', async () => {
    await publish('default/component/checkout', tarGz(checkoutSite()));
    const before = await bucketKeys('default/component/checkout/');
    const notArchive = await publish('default/component/checkout', new TextEncoder().encode('{"hello":1}'), 'application/json');
    expect(notArchive.status).toBe(400);
    expect(((await notArchive.json()) as { error: { name: string } }).error.name).toBe('InputError');
    expect((await publish('default/component/checkout', tarGz({ 'readme.txt': 'no pages' }))).status).toBe(400);
    const broken = tarGz(checkoutSite()).slice(0, 200);
    expect((await publish('default/component/checkout', broken)).status).toBe(400);
    expect((await publish('default/component/nope', tarGz(checkoutSite()))).status).toBe(404);
    expect(await bucketKeys('default/component/checkout/')).toEqual(before);
    expect(await bucketKeys('default/component/nope/')).toEqual([]);
  });

  it('takes uploads from CI with an owner\'s API token scoped to techdocs:publish, and from nobody else', async () => {
    // Members of acme (the test policy) who own checkout (platform) or do not.
    const person = (login: string, groups: string[]) => ({
      userEntityRef: `user:default/${login}`,
      ownershipEntityRefs: [`user:default/${login}`, ...groups],
      github: { login, orgs: ['acme'], teams: [] },
      displayName: login,
      inCatalog: true,
    });
    const token = async (who: ReturnType<typeof person>, scope: Scope) => (await createToken(d1Store().db, who, { name: 'ci', scopes: [scope], days: 1 })).secret;
    // A deployed host: no guest, only the token speaks for the caller.
    const deployed = (secret?: string) =>
      SELF.fetch('https://greenroom.example.com/api/techdocs/publish/default/component/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/gzip', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
        body: tarGz(checkoutSite()) as Uint8Array<ArrayBuffer>,
      });
    const owner = person('mia', ['group:default/platform']);
    expect((await deployed()).status).toBe(401);
    expect((await deployed(await token(owner, 'catalog:write'))).status).toBe(403);
    expect((await deployed(await token(person('max', ['group:default/payments']), 'techdocs:publish'))).status).toBe(403);
    expect(await bucketKeys('default/component/checkout/')).toEqual([]);
    const res = await deployed(await token(owner, 'techdocs:publish'));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await bucketKeys('default/component/checkout/')).toContain('default/component/checkout/index.html');
  });

  it('refuses a zip bomb before inflating it all', async () => {
    const bomb = zip({ 'index.html': new Uint8Array(60 * 1024 * 1024) });
    const res = await publish('default/component/checkout', bomb, 'application/zip');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('unpacks to more than');
    expect(await env.DOCS.list({ prefix: 'default/component/checkout/' }).then((l) => l.objects.length)).toBe(0);
  });
});
