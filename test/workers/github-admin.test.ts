import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import type { GithubJob } from '../../worker/github/jobs';
import { clearAll, component, refs, settle, status } from './github-support';
import { acmeWorld, installedAcme } from './github-world';

async function lifecycle(name: string): Promise<unknown> {
  const res = await SELF.fetch(`http://localhost/api/catalog/entities/by-name/component/default/${name}`);
  return ((await res.json()) as { spec: { lifecycle: string } }).spec.lifecycle;
}

/** Changes GitHub without telling the portal: the webhooks were lost. */
function missWebhooks(world: Awaited<ReturnType<typeof installedAcme>>) {
  const { github, acme, svc, mono } = world;
  github.files(svc).set('catalog-info.yaml', component('svc', { lifecycle: 'healed' }));
  github.repos.delete(mono.id);
  github.addRepo(acme.account, 'late', { 'catalog-info.yaml': component('late') });
  github.addMember(acme, 'eve');
}

async function expectHealed(): Promise<void> {
  expect(await refs('component')).toEqual(['component:default/late', 'component:default/svc']);
  expect(await lifecycle('svc')).toBe('healed');
  expect(await refs('user')).toContain('user:default/eve');
}

describe('reconcile, cron, failures and setup', () => {
  beforeEach(clearAll);

  it('POST /reconcile heals what missed webhooks left stale, with progress in /status', async () => {
    const world = await installedAcme();
    missWebhooks(world);
    const res = await SELF.fetch('http://localhost/api/github/reconcile', { method: 'POST' });
    expect(res.status).toBe(202);
    const { run } = (await res.json()) as { run: string };
    const done = await settle();
    await expectHealed();
    const progress = done.runs.find((r) => r.id === run);
    // svc, no-catalog, late, and mono (recorded, now gone: it retires).
    expect(progress).toMatchObject({ finished: true, installations: { expected: 1, done: 1 }, repositories: { total: 4, done: 4, failed: 0 } });
    expect(done.repositories).toEqual({ ok: 2, 'no-catalog': 1, retired: 1 });
  });

  it('the cron trigger reconciles, and an installation removed while no webhook arrived is retired', async () => {
    const world = await installedAcme();
    missWebhooks(world);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/30 * * * *' }), env, ctx);
    const done = await settle();
    await expectHealed();
    expect(done.runs[0]).toMatchObject({ finished: true });

    world.github.installations.delete(world.inst.id);
    await worker.scheduled(createScheduledController({ cron: '*/30 * * * *' }), env, ctx);
    await settle();
    expect([...(await refs('component')), ...(await refs('user')), ...(await refs('group'))]).toEqual([]);
  });

  it('a job that keeps failing is listed while retried, parked by the dead-letter consumer, and retried on request', async () => {
    const broken = { on: true };
    const world = acmeWorld({
      fault: (req) => (broken.on && new URL(req.url).pathname.includes('/repos/acme/svc/') ? new Response('{"message":"Server Error"}', { status: 500 }) : undefined),
    });
    const { inst, svc } = world;
    await env.DB.prepare(`INSERT INTO github_deliveries (id, event, received_at) VALUES ('d-1', 'push', '2026-01-01T00:00:00Z')`).run();
    const job: GithubJob = { kind: 'repo', installationId: inst.id, repoId: svc.id, deliveries: ['d-1'] };
    const ctx = createExecutionContext();

    const batch = createMessageBatch<GithubJob>('greenroom-github', [{ id: 'm1', timestamp: Date.now(), attempts: 1, body: job }]);
    await worker.queue(batch as MessageBatch<never>, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m1']);
    let failures = (await (await SELF.fetch('http://localhost/api/github/failures')).json()) as { items: { key: string; dead: boolean; error: string }[] };
    expect(failures.items).toMatchObject([{ key: `repo:${svc.id}`, dead: false }]);
    expect(failures.items[0]!.error).toMatch(/HTTP 500/);
    expect((await status()).failures).toEqual({ retrying: 1, dead: 0 });

    // After its last retry the platform moves the message to greenroom-github-dlq.
    const dead = createMessageBatch<GithubJob>('greenroom-github-dlq', [{ id: 'm1', timestamp: Date.now(), attempts: 6, body: job }]);
    await worker.queue(dead as MessageBatch<never>, env, ctx);
    expect((await getQueueResult(dead, ctx)).explicitAcks).toEqual(['m1']);
    failures = (await (await SELF.fetch('http://localhost/api/github/failures')).json()) as typeof failures;
    expect(failures.items).toMatchObject([{ key: `repo:${svc.id}`, dead: true }]);
    expect(failures.items[0]!.error).toMatch(/HTTP 500/);
    expect(await env.DB.prepare(`SELECT outcome FROM github_deliveries WHERE id = 'd-1'`).first('outcome')).toBe('failed');

    broken.on = false;
    expect((await SELF.fetch('http://localhost/api/github/failures/nope/retry', { method: 'POST' })).status).toBe(404);
    const retried = await SELF.fetch(`http://localhost/api/github/failures/repo:${svc.id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(202);
    const done = await settle();
    expect(await refs('component')).toEqual(['component:default/svc']);
    expect(done.failures).toEqual({ retrying: 0, dead: 0 });
  });

  it('/status shows the configuration but no secret', async () => {
    await installedAcme();
    const text = await (await SELF.fetch('http://localhost/api/github/status')).text();
    expect(JSON.parse(text)).toMatchObject({
      configuration: { app: { id: '4242' }, webhookSecrets: 2, apiUrl: 'https://ghe.test/api/v3', host: 'ghe.test', catalogPaths: ['catalog-info.yaml', 'services/*/catalog-info.yaml'], branch: 'default' },
    });
    for (const secret of [env.GITHUB_WEBHOOK_SECRET, env.GITHUB_WEBHOOK_SECRET_PREVIOUS, env.GITHUB_APP_PRIVATE_KEY!.split('\n')[1]]) {
      expect(text).not.toContain(secret);
    }
  });

  it('the app-manifest setup: a form posting the manifest to GitHub, and a callback showing the new credentials, escaped', async () => {
    const { github } = acmeWorld();
    const unconfigured = { ...env, GITHUB_APP_ID: '', GITHUB_APP_PRIVATE_KEY: '' };
    const ctx = createExecutionContext();
    const page = await worker.fetch(new Request('http://localhost:8787/api/github/setup?org=acme'), unconfigured, ctx);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain('form-action https://ghe.test');
    const html = await page.text();
    expect(html).not.toMatch(/<script/i);
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(action).toMatch(/^https:\/\/ghe\.test\/organizations\/acme\/settings\/apps\/new\?state=[0-9a-f-]{36}$/);
    const manifest = JSON.parse(/name="manifest" value="([^"]+)"/.exec(html)![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      hook_attributes: { url: 'http://localhost:8787/api/github/webhook' },
      redirect_url: 'http://localhost:8787/api/github/setup/callback',
      default_permissions: { contents: 'read', metadata: 'read', members: 'read' },
    });
    const state = new URL(action!).searchParams.get('state')!;
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly/i);

    github.manifestCodes.set('code-1', { id: 77, slug: 'greenroom-acme', html_url: 'https://ghe.test/apps/greenroom-acme', pem: '-----BEGIN RSA PRIVATE KEY-----\n<script>alert(1)</script>\n-----END RSA PRIVATE KEY-----', webhook_secret: 's3cr3t<&>' });
    const callback = (query: string, withCookie = true) =>
      worker.fetch(new Request(`http://localhost:8787/api/github/setup/callback?${query}`, { headers: withCookie ? { cookie } : {} }), unconfigured, ctx);
    expect((await callback(`code=code-1&state=${state}`, false)).status).toBe(400);
    expect((await callback(`code=code-1&state=forged`)).status).toBe(400);
    const created = await callback(`code=code-1&state=${state}`);
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const result = await created.text();
    expect(result).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(result).not.toMatch(/<script/i);
    expect(result).toContain('s3cr3t&lt;&amp;&gt;');
    expect(result).toContain('GITHUB_APP_ID</h2><pre>77</pre>');
    // Codes work once.
    expect((await callback(`code=code-1&state=${state}`)).status).toBe(400);

    // Once configured, setup says so and the callback refuses.
    expect(await (await SELF.fetch('http://localhost/api/github/setup')).text()).toContain('already uses GitHub App 4242');
    expect((await SELF.fetch(`http://localhost/api/github/setup/callback?code=x&state=${state}`)).status).toBe(409);
  });
});
