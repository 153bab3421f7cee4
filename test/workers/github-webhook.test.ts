import { env, SELF } from 'cloudflare:test';
import { Webhooks } from '@octokit/webhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { signDelivery } from '../../scripts/lib/github-webhooks';
import { accept, catalogState, clearAll, component, deliver, PREVIOUS_SECRET, refs, settle, status } from './github-support';
import { installedAcme } from './github-world';

async function deliveriesRecorded(): Promise<number> {
  return (await env.DB.prepare('SELECT count(*) AS n FROM github_deliveries').first<{ n: number }>())!.n;
}

async function post(headers: Record<string, string>, body: string): Promise<Response> {
  return SELF.fetch('http://localhost/api/github/webhook', { method: 'POST', headers, body });
}

describe('the webhook receiver', () => {
  beforeEach(clearAll);

  it('forged, missing, malformed and body-swapped signatures are 401 and change nothing', async () => {
    const { github, hooks, svc } = await installedAcme();
    const before = await catalogState();
    const recorded = await deliveriesRecorded();
    const calls = github.calls.length;
    github.files(svc).set('catalog-info.yaml', component('forged'));
    const payload = hooks.push(svc);

    expect((await deliver('push', payload, { secret: 'not-the-secret' })).status).toBe(401);
    const genuine = await signDelivery(env.GITHUB_WEBHOOK_SECRET as string, 'push', payload);
    const { 'x-hub-signature-256': signature, ...unsigned } = genuine.headers;
    expect((await post(unsigned, genuine.body)).status).toBe(401);
    expect((await post({ ...genuine.headers, 'x-hub-signature-256': 'sha256=zz' }, genuine.body)).status).toBe(401);
    expect((await post({ ...genuine.headers, 'x-hub-signature-256': signature!.replace('sha256=', 'sha1=') }, genuine.body)).status).toBe(401);
    // A genuine signature does not carry over to another body.
    const other = JSON.stringify({ ...payload, ref: 'refs/heads/main ' });
    const res = await post(genuine.headers, other);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { name: 'AuthenticationError' }, response: { statusCode: 401 } });

    await settle();
    expect(await deliveriesRecorded()).toBe(recorded);
    expect(github.calls.length).toBe(calls);
    expect(await catalogState()).toEqual(before);
  });

  it('accepts the previous secret during a rotation', async () => {
    const { github, hooks, svc } = await installedAcme();
    github.files(svc).set('catalog-info.yaml', component('svc', { lifecycle: 'rotated' }));
    const res = await deliver('push', hooks.push(svc), { secret: PREVIOUS_SECRET });
    expect(res.status).toBe(202);
    await settle();
    const entity = (await (await SELF.fetch('http://localhost/api/catalog/entities/by-name/component/default/svc')).json()) as { spec: { lifecycle: string } };
    expect(entity.spec.lifecycle).toBe('rotated');
  });

  it('a replayed delivery (same X-GitHub-Delivery) is acknowledged and not processed again', async () => {
    const { github, hooks, svc } = await installedAcme();
    github.files(svc).set('catalog-info.yaml', component('svc', { lifecycle: 'v2' }));
    const delivery = await signDelivery(env.GITHUB_WEBHOOK_SECRET as string, 'push', hooks.push(svc));
    const first = await post(delivery.headers, delivery.body);
    expect(await first.json()).toMatchObject({ status: 'queued' });
    await settle();
    const calls = github.calls.length;
    const state = await catalogState();
    for (let i = 0; i < 3; i++) {
      const again = await post(delivery.headers, delivery.body);
      expect(again.status).toBe(202);
      expect(await again.json()).toMatchObject({ status: 'duplicate' });
    }
    await settle();
    expect(github.calls.length).toBe(calls);
    expect(await catalogState()).toEqual(state);
    expect((await status()).deliveries).toEqual({ received: 2, pending: 0 });
  });

  it('duplicate deliveries of one change (GitHub redelivering under new ids) are harmless', async () => {
    const { github, hooks, mono } = await installedAcme();
    github.files(mono).set('services/d/catalog-info.yaml', component('mono-d'));
    const payload = hooks.push(mono);
    await Promise.all(Array.from({ length: 8 }, () => accept('push', payload)));
    await settle();
    const once = await catalogState();
    await Promise.all(Array.from({ length: 8 }, () => accept('push', payload)));
    await settle();
    expect(await catalogState()).toEqual(once);
    expect(await refs('component')).toEqual(['component:default/mono-a', 'component:default/mono-b', 'component:default/mono-d', 'component:default/svc']);
  });

  it('answers 202 quickly and leaves the work to the queue; bad headers or bodies under a good signature are 400', async () => {
    const { hooks, svc } = await installedAcme();
    const started = performance.now();
    const res = await deliver('push', hooks.push(svc));
    expect(res.status).toBe(202);
    expect(performance.now() - started).toBeLessThan(500);
    const signedGarbage = await signDelivery(env.GITHUB_WEBHOOK_SECRET as string, 'push', {});
    expect((await post({ ...signedGarbage.headers, 'x-github-delivery': '../../etc' }, signedGarbage.body)).status).toBe(400);
    const { 'x-github-event': _event, ...noEvent } = signedGarbage.headers;
    expect((await post(noEvent, signedGarbage.body)).status).toBe(400);
    const notJson = '{not json';
    const notJsonSignature = await new Webhooks({ secret: env.GITHUB_WEBHOOK_SECRET as string }).sign(notJson);
    expect((await post({ ...signedGarbage.headers, 'x-hub-signature-256': notJsonSignature }, notJson)).status).toBe(400);
    await settle();
  });
});
