import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, bucketKeys, checkoutSite, clearDocs, publish, registerComponents, tarGz, zip } from './techdocs-support';

// Paths that must never name a key: `..` and `.` in any spelling, encoded (and double-encoded)
// slashes and backslashes, control, bidi, zero-width and look-alike characters, non-NFC text.
const BAD_FILE_PATHS = [
  'guides/%2e%2e%2fsecret.html',
  'guides%2F..%2F..%2Fbasket%2Findex.html',
  'guides%5C..%5Cindex.html',
  '%252e%252e/%252e%252e/basket/index.html',
  'guides/%00index.html',
  'guides/index.html%00.png',
  'guides/%E2%80%AEindex.html',
  'guides/%E2%80%8Bindex.html',
  '%EF%BC%8E%EF%BC%8E/index.html',
  'guides/%E2%88%95etc',
  'cafe%CC%81/index.html',
  'guides//index.html',
  'guides/%ZZ.html',
  `${'a/'.repeat(600)}index.html`,
];

const SECRET = 'TOP-SECRET-CONTENT';

const BAD_TRIPLETS = [
  ['default%2F..', 'component', 'checkout'],
  ['..', 'component', 'checkout'],
  ['default', 'component%2Fx', 'checkout'],
  ['default', 'compo%00nent', 'checkout'],
  ['default', 'component', 'check%E2%80%AEout'],
  ['default', 'component', 'checkout%2F..%2Fbasket'],
  ['DEF%C3%84ULT', 'component', 'checkout'],
  ['default', 'component', '%EF%BC%8E%EF%BC%8E'],
];

describe('paths are validated in every part', () => {
  beforeAll(async () => {
    await clearDocs();
    await registerComponents(['checkout', 'basket']);
    await publish('default/component/checkout', tarGz(checkoutSite()));
    await publish('default/component/basket', tarGz(checkoutSite()));
    // A key outside any site, which no request may reach.
    await env.DOCS.put('default/component/secret.html', SECRET);
  });

  it.each(BAD_FILE_PATHS)('refuses the file path %s with a 400 InputError', async (path) => {
    const res = await api(`/static/docs/default/component/checkout/${path}`);
    expect(res.status, path).toBe(400);
    const body = (await res.json()) as { error: { name: string; message: string } };
    expect(body.error.name).toBe('InputError');
    expect(body.error.message).toMatch(/^Documentation path contains /);
  });

  it('dot segments the URL parser resolves never leave the site', async () => {
    for (const path of ['../secret.html', '%2e%2e/secret.html', '%2E./secret.html', 'guides/../../secret.html']) {
      const res = await api(`/static/docs/default/component/checkout/${path}`);
      expect(res.status, path).not.toBe(200);
      expect(await res.text()).not.toContain(SECRET);
    }
  });

  it.each(BAD_TRIPLETS)('refuses the entity %s/%s/%s on every route', async (ns, kind, name) => {
    for (const path of [`/static/docs/${ns}/${kind}/${name}/index.html`, `/metadata/techdocs/${ns}/${kind}/${name}`, `/metadata/entity/${ns}/${kind}/${name}`, `/status/${ns}/${kind}/${name}`]) {
      const res = await api(path);
      // 400 when the Worker sees the part; a `..` the URL parser resolves lands on no route at all (403).
      expect([400, 403, 404], path).toContain(res.status);
      expect(await res.text()).not.toContain(SECRET);
    }
    const res = await publish(`${ns}/${kind}/${name}`, tarGz(checkoutSite()));
    expect([400, 403, 404]).toContain(res.status);
  });

  it('refuses archives whose member paths climb out or carry odd characters, storing nothing', async () => {
    const before = await bucketKeys('default/component/checkout/');
    for (const member of ['../escape.html', 'guides/../../../escape.html', '/etc/passwd.html', 'a\\..\\b.html', 'guides/\u202eevil.html', 'guides/\u0000.html', 'guides/%2e%2e/x.html', 'x/\uff0e\uff0e/y.html']) {
      for (const archive of [tarGz(checkoutSite({ [member]: '<p>x</p>' })), zip(checkoutSite({ [member]: '<p>x</p>' }))]) {
        const res = await publish('default/component/checkout', archive);
        expect(res.status, member).toBe(400);
        expect(await res.text()).toContain('Archive entry');
      }
    }
    expect(await bucketKeys('default/component/checkout/')).toEqual(before);
    expect((await env.DOCS.list()).objects.map((o) => o.key).filter((k) => k.includes('escape') || k.includes('passwd'))).toEqual([]);
  });

  it('reads the right site whatever the case of the triplet', async () => {
    const res = await api('/static/docs/DEFAULT/Component/CheckOut/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('The checkout service');
  });
});
