import { SELF, createExecutionContext, createMessageBatch, getQueueResult, env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import type { IngestMessage } from '../../worker/catalog/ingest/message';
import { clearCatalog, serveFiles } from './support';

const RAW = 'https://raw.githubusercontent.com/acme/big/main';
const PARTS = 40;

function catalog(): Record<string, string> {
  const files: Record<string, string> = {
    [`${RAW}/catalog.yaml`]: `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: big }\nspec:\n  targets:\n${Array.from({ length: PARTS }, (_, i) => `    - ./part-${i}.yaml`).join('\n')}\n`,
  };
  for (let i = 0; i < PARTS; i++) {
    files[`${RAW}/part-${i}.yaml`] = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: part-${i} }\nspec: { type: service, lifecycle: production, owner: team-${i % 3} }\n`;
  }
  return files;
}

async function count(): Promise<number> {
  const res = await SELF.fetch('http://localhost/api/catalog/entities/by-query?limit=0&filter=kind=component');
  return ((await res.json()) as { totalItems: number }).totalItems;
}

describe('ingestion beyond one request', () => {
  beforeEach(async () => {
    await clearCatalog();
  });

  it('processes the first files inline and the rest through the ingest queue', async () => {
    serveFiles(catalog());
    const res = await SELF.fetch('http://localhost/api/catalog/locations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url', target: `${RAW}/catalog.yaml` }),
    });
    expect(res.status).toBe(201);
    const inline = await count();
    expect(inline).toBeGreaterThan(0);
    expect(inline).toBeLessThan(PARTS);
    const deadline = Date.now() + 20_000;
    while ((await count()) < PARTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await count()).toBe(PARTS);
  });

  it('retries a message whose file is temporarily unreachable and records permanent failures', async () => {
    const files = catalog();
    let failures = 0;
    const flaky = `${RAW}/part-1.yaml`;
    serveFiles(files);
    const stubbed = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url === flaky && failures++ === 0) return new Response('upstream down', { status: 503 });
      return stubbed(input, init);
    }) as typeof fetch;
    const msg = (key: string): IngestMessage => ({ type: 'process-location', locationKey: `url:${key}`, originKey: `url:${RAW}/catalog.yaml`, depth: 1 });
    const batch = createMessageBatch<IngestMessage>('greenroom-ingest', [
      { id: 'a', timestamp: Date.now(), attempts: 1, body: msg(flaky) },
      { id: 'b', timestamp: Date.now(), attempts: 1, body: msg(`${RAW}/part-2.yaml`) },
      { id: 'c', timestamp: Date.now(), attempts: 1, body: msg(`${RAW}/missing.yaml`) },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<never>, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['a']);
    expect(result.explicitAcks.sort()).toEqual(['b', 'c']);
    const missing = await env.DB.prepare('SELECT status, errors FROM location_keys WHERE key = ?').bind(`url:${RAW}/missing.yaml`).first<{ status: string; errors: string }>();
    expect(missing?.status).toBe('error');
    expect(missing?.errors).toMatch(/read:not-found/);
    const retry = createMessageBatch<IngestMessage>('greenroom-ingest', [{ id: 'a2', timestamp: Date.now(), attempts: 2, body: msg(flaky) }]);
    await worker.queue(retry as MessageBatch<never>, env, ctx);
    expect((await getQueueResult(retry, ctx)).explicitAcks).toEqual(['a2']);
    expect(await count()).toBe(2);
  });
});

describe('Location targets', () => {
  beforeEach(async () => {
    await clearCatalog();
  });

  it('retires a target its Location entity no longer names: its entities become orphans and its key is forgotten', async () => {
    const file = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: ${name} }\nspec: { type: service, lifecycle: production, owner: team }\n`;
    const root = (targets: string[]) => `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: two }\nspec:\n  targets: [${targets.join(', ')}]\n`;
    const register = (query = '') =>
      SELF.fetch(`http://localhost/api/catalog/locations${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'url', target: `${RAW}/two.yaml` }),
      });
    serveFiles({ [`${RAW}/two.yaml`]: root(['./a.yaml', './b.yaml']), [`${RAW}/a.yaml`]: file('a'), [`${RAW}/b.yaml`]: file('b') });
    expect((await register()).status).toBe(201);
    const keyOf = (name: string) => env.DB.prepare('SELECT key FROM location_keys WHERE key = ?').bind(`url:${RAW}/${name}.yaml`).first();
    expect(await keyOf('b')).not.toBeNull();

    serveFiles({ [`${RAW}/two.yaml`]: root(['./a.yaml']), [`${RAW}/a.yaml`]: file('a'), [`${RAW}/b.yaml`]: file('b') });
    expect((await register('?onConflict=refresh')).status).toBe(201);
    expect(await keyOf('b')).toBeNull();
    expect(await keyOf('a')).not.toBeNull();
    const entity = async (name: string) =>
      (await (await SELF.fetch(`http://localhost/api/catalog/entities/by-name/component/default/${name}`)).json()) as { metadata: { annotations: Record<string, string> } };
    expect((await entity('b')).metadata.annotations['backstage.io/orphan']).toBe('true');
    expect((await entity('a')).metadata.annotations['backstage.io/orphan']).toBeUndefined();
  });
});
