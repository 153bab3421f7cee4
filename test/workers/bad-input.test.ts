import { SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_IDENTITY, apiToken } from './auth-support';
import { clearCatalog, serveFiles } from './support';

const RAW = 'https://raw.githubusercontent.com/acme/bad/main';

const good = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: survivor }
spec: { type: service, lifecycle: production, owner: team-a }
`;

const aliasBomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  ...Array.from({ length: 9 }, (_, i) => {
    const prev = String.fromCharCode(97 + i);
    const cur = String.fromCharCode(98 + i);
    return `${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`;
  }),
].join('\n');

const deep = `${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x`;

const badDocs: Record<string, string | Uint8Array> = {
  'malformed.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: [unclosed\n',
  'alias-bomb.yaml': aliasBomb,
  'deep.yaml': deep,
  'huge.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: huge\n  description: "${'x'.repeat(5 * 1024 * 1024)}"\n`,
  'not-utf8.yaml': new Uint8Array([...new TextEncoder().encode('apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: bad'), 0xff, 0xfe, 0x0a]),
  'unknown-kind.yaml': 'apiVersion: example.com/v1\nkind: Spaceship\nmetadata: { name: enterprise }\n',
  'bad-names.yaml': [
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: "has space" }\nspec: { type: service, lifecycle: production, owner: a }',
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: ${'x'.repeat(64)} }\nspec: { type: service, lifecycle: production, owner: a }`,
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: ok-name, namespace: "Not_A_Dns_Label" }\nspec: { type: service, lifecycle: production, owner: a }',
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: bad-tag, tags: ["Upper Case"] }\nspec: { type: service, lifecycle: production, owner: a }',
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: xss, links: [{ url: "javascript:alert(1)", title: click }] }\nspec: { type: service, lifecycle: production, owner: a }',
  ].join('\n---\n'),
};

function files(): Record<string, string | Uint8Array> {
  const all: Record<string, string | Uint8Array> = {
    [`${RAW}/catalog-info.yaml`]: `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: bad-root }\nspec:\n  targets: [./good.yaml, ${Object.keys(badDocs).map((f) => `./${f}`).join(', ')}]\n`,
    [`${RAW}/good.yaml`]: good,
  };
  for (const [name, body] of Object.entries(badDocs)) all[`${RAW}/${name}`] = body;
  return all;
}

const api = (path: string, init?: RequestInit) => SELF.fetch(`http://localhost/api/catalog${path}`, init);

describe('bad input never costs the rest of the catalog', () => {
  beforeEach(async () => {
    await clearCatalog();
    serveFiles(files());
  });

  it('records a clear error per broken file or document and ingests everything else', async () => {
    const res = await api('/locations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: `${RAW}/catalog-info.yaml` }) });
    expect(res.status).toBe(201);
    const { location } = (await res.json()) as { location: { id: string } };
    expect((await api('/entities/by-name/component/default/survivor')).status).toBe(200);

    const status = (await (await api(`/locations/${location.id}/status`)).json()) as { keys: { key: string; status: string; errors: { rule: string; message: string }[] }[] };
    const errorsOf = (file: string) => status.keys.find((k) => k.key === `url:${RAW}/${file}`)!.errors;
    expect(errorsOf('good.yaml')).toEqual([]);
    expect(errorsOf('malformed.yaml')[0]!.rule).toBe('yaml');
    expect(errorsOf('alias-bomb.yaml')[0]).toMatchObject({ rule: 'yaml', message: expect.stringMatching(/alias/i) });
    expect(errorsOf('deep.yaml')[0]).toMatchObject({ rule: 'yaml', message: expect.stringMatching(/nest|deep/i) });
    expect(errorsOf('huge.yaml')[0]!.rule).toBe('read:too-large');
    expect(errorsOf('not-utf8.yaml')[0]!.rule).toBe('read:invalid-utf8');
    const root = (await (await api('/entities/by-name/location/default/bad-root')).json()) as { status?: { items: { message: string }[] } };
    expect(root.status?.items.map((i) => i.message)).toEqual([expect.stringMatching(/^read:too-large: .*huge\.yaml/), expect.stringMatching(/^read:invalid-utf8: .*not-utf8\.yaml/)]);
    const refreshed = await api('/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entityRef: 'location:default/bad-root' }) });
    // The refresh must really run again for the unchanged count to mean errors are not piled up.
    expect(refreshed.status).toBe(200);
    const again = (await (await api('/entities/by-name/location/default/bad-root')).json()) as { status?: { items: unknown[] } };
    expect(again.status?.items).toHaveLength(2);
    expect(errorsOf('unknown-kind.yaml')[0]!.rule).toBe('unknown-kind');
    const nameRules = errorsOf('bad-names.yaml').map((e) => e.rule);
    expect(nameRules).toEqual([
      'policy:field-format:metadata.name',
      'policy:field-format:metadata.name',
      'policy:field-format:metadata.namespace',
      'policy:field-format:metadata.tags',
      expect.stringMatching(/links/),
    ]);

    const all = (await (await api('/entities/by-query?limit=100&fields=metadata.name')).json()) as { items: { metadata: { name: string } }[] };
    const names = all.items.map((e) => e.metadata.name);
    expect(names).toHaveLength(3);
    expect(names).toEqual(expect.arrayContaining(['bad-root', 'survivor', expect.stringMatching(/^generated-/)]));
  });

  it('keeps the last good version when a file breaks later, and leaves other files alone', async () => {
    await api('/locations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: `${RAW}/catalog-info.yaml` }) });
    const before = (await (await api('/entities/by-name/component/default/survivor')).json()) as { metadata: { etag: string } };
    serveFiles({ ...files(), [`${RAW}/good.yaml`]: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: survivor\n' });
    expect((await api('/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entityRef: 'location:default/bad-root' }) })).status).toBe(200);
    const after = (await (await api('/entities/by-name/component/default/survivor')).json()) as { metadata: { etag: string; annotations: Record<string, string> }; status?: { items: { message: string }[] } };
    expect(after.metadata.etag).toBe(before.metadata.etag);
    expect(after.metadata.annotations['backstage.io/orphan']).toBeUndefined();
    expect(after.status?.items[0]!.message).toMatch(/yaml/i);
  });

  it('refuses a root location whose file is too large, not UTF-8 or on a host outside the allow-list', async () => {
    const post = (target: string) => api('/locations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target }) });
    const huge = await post(`${RAW}/huge.yaml`);
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { error: { message: string } }).error.message).toMatch(/large|size|bytes/i);
    expect((await post(`${RAW}/not-utf8.yaml`)).status).toBe(400);
    expect((await post('https://github.com@evil.example.com/x.yaml')).status).toBe(400);
    expect((await post('file:///etc/passwd')).status).toBe(400);
    expect(await (await api('/locations')).json()).toEqual([]);
  });

  it('allows localhost locations only for requests made to this machine, whatever the configuration says', async () => {
    serveFiles({ 'http://127.0.0.1:8790/catalog-info.yaml': good });
    const body = JSON.stringify({ target: 'http://127.0.0.1:8790/catalog-info.yaml' });
    const headers = { 'content-type': 'application/json' };
    // A deployed host has no guest: an admin's token gets past sign-in, so the refusal is the localhost rule's.
    const authorization = `Bearer ${await apiToken(ADMIN_IDENTITY, ['catalog:write'])}`;
    const deployed = await SELF.fetch('https://portal.example.com/api/catalog/locations', { method: 'POST', headers: { ...headers, authorization }, body });
    expect(deployed.status).toBe(400);
    expect(((await deployed.json()) as { error: { message: string } }).error.message).toMatch(/not allowed/i);
    const local = await SELF.fetch('http://127.0.0.1:8787/api/catalog/locations', { method: 'POST', headers, body });
    expect(local.status).toBe(201);
  });
});
