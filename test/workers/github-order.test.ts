import { beforeEach, describe, expect, it } from 'vitest';
import { SELF } from 'cloudflare:test';
import { signDelivery, type Delivery } from '../../scripts/lib/github-webhooks';
import { prng, shuffle } from '../../scripts/lib/prng';
import { catalogState, clearAll, component, refs, SECRET, settle } from './github-support';
import { acmeWorld } from './github-world';

// Both runs of the fault test build their stand-in from the same first id, so ids agree.
const STORY_FIRST_ID = 900_000;

/**
 * A day at acme: every kind of change, each made on the stand-in and then announced by the
 * webhook GitHub would send, in the order it happened. Returns the deliveries (signed once, so a
 * resend is a true duplicate with the same X-GitHub-Delivery).
 */
async function history(world: ReturnType<typeof acmeWorld>): Promise<Delivery[]> {
  const { github, hooks, acme, svc, mono, inst } = world;
  const events: [string, unknown][] = [];
  events.push(['installation', hooks.installation('created', world.inst)]);
  github.files(svc).set('catalog-info.yaml', component('svc', { lifecycle: 'v2' }));
  events.push(['push', hooks.push(svc)]);
  const fresh = github.addRepo(acme.account, 'fresh', { 'catalog-info.yaml': component('fresh') });
  events.push(['repository', hooks.repository('created', fresh)]);
  github.files(mono).delete('services/b/catalog-info.yaml');
  github.files(mono).set('services/c/catalog-info.yaml', component('mono-c'));
  events.push(['push', hooks.push(mono, { commits: 0 })]);
  svc.name = 'service';
  events.push(['repository', hooks.repository('renamed', svc, { repository: { name: { from: 'svc' } } })]);
  github.addTeam(acme, 'sre', { name: 'SRE', parent: 'platform', members: ['ada'] });
  events.push(['team', hooks.team('created', acme, 'sre')]);
  acme.teams.get('payments')!.members.add('cy');
  events.push(['membership', hooks.membership('added', acme, 'payments', 'cy')]);
  github.addMember(acme, 'dan', { name: 'Dan' });
  events.push(['organization', hooks.organization('member_added', acme, 'dan')]);
  github.files(fresh).set('catalog-info.yaml', component('fresh', { lifecycle: 'v2' }));
  events.push(['push', hooks.push(fresh)]);
  mono.archived = true;
  events.push(['repository', hooks.repository('archived', mono)]);
  github.files(svc).set('catalog-info.yaml', component('svc', { lifecycle: 'v3' }));
  events.push(['push', hooks.push(svc, { forced: true, before: 'b'.repeat(40) })]);
  const tmp = github.addRepo(acme.account, 'tmp', { 'catalog-info.yaml': component('tmp') });
  events.push(['repository', hooks.repository('created', tmp)]);
  events.push(['repository', hooks.repository('deleted', tmp)]);
  github.repos.delete(tmp.id);
  const bob = hooks.organization('member_removed', acme, 'bob');
  acme.teams.get('payments')!.members.delete('bob');
  acme.members.delete('bob');
  events.push(['membership', hooks.membership('removed', acme, 'payments', 'bob')]);
  events.push(['organization', bob]);
  acme.teams.get('payments')!.name = 'Payments & Billing';
  events.push(['team', hooks.team('edited', acme, 'payments')]);
  const other = github.addRepo(acme.account, 'other', { 'catalog-info.yaml': component('other') });
  inst.repositories = new Set([...github.repos.keys()].filter((id) => id !== other.id));
  events.push(['ping', hooks.ping()]);
  return Promise.all(events.map(([event, payload]) => signDelivery(SECRET, event, payload)));
}

async function send(deliveries: Delivery[]): Promise<void> {
  // A handful in flight at once, as GitHub delivers.
  for (let i = 0; i < deliveries.length; i += 4) {
    await Promise.all(
      deliveries.slice(i, i + 4).map(async (d) => {
        const res = await SELF.fetch('http://localhost/api/github/webhook', { method: 'POST', headers: d.headers, body: d.body });
        expect(res.status).toBe(202);
      }),
    );
  }
}

describe('order, duplicates and faults', () => {
  beforeEach(clearAll);

  it('shuffled, duplicated deliveries end in the same catalog as in-order ones, which is GitHub as it is now', async () => {
    const world = acmeWorld();
    const deliveries = await history(world);

    await send(deliveries);
    await settle();
    const inOrder = await catalogState();
    expect(await refs('component')).toEqual(['component:default/fresh', 'component:default/svc']);
    expect(await refs('user')).toEqual(['user:default/ada', 'user:default/cy', 'user:default/dan']);

    for (const seed of [1, 2, 3]) {
      await clearAll();
      const random = prng(seed);
      const duplicated = [...deliveries, ...deliveries.filter(() => random() < 0.2)];
      await send(shuffle(duplicated, random));
      await settle();
      expect(await catalogState(), `seed ${seed}`).toEqual(inOrder);
    }

    // A discovery from nothing reads the same state: the events added nothing of their own.
    await clearAll();
    const { hooks } = world;
    await send([await signDelivery(SECRET, 'installation', hooks.installation('created', world.inst))]);
    await settle();
    expect(await catalogState()).toEqual(inOrder);
  }, 120_000);

  it('converges although 30% of GitHub API calls fail (5xx, 429, rate limits, network errors)', async () => {
    // The expected catalog, from a GitHub that never fails.
    const calm = acmeWorld({ firstId: STORY_FIRST_ID });
    const calmDeliveries = await history(calm);
    await send(calmDeliveries);
    await settle();
    const expected = await catalogState();
    await clearAll();

    const random = prng(30);
    let faults = 0;
    let calls = 0;
    // The same story on a stand-in with the same ids, behind a GitHub that fails 30% of the time.
    const world = acmeWorld({
      firstId: STORY_FIRST_ID,
      fault: () => {
        calls++;
        if (random() >= 0.3) return undefined;
        faults++;
        return injectedFault(Math.floor(random() * 6));
      },
    });
    const deliveries = await history(world);
    await send(shuffle(deliveries, random));
    const done = await settle(110_000);
    expect(await catalogState()).toEqual(expected);
    expect(done.failures).toEqual({ retrying: 0, dead: 0 });
    expect(faults / calls).toBeGreaterThan(0.25);
  }, 180_000);
});

/** One of the ways GitHub fails: a dropped connection, 5xx, 429, primary and secondary rate limits. */
function injectedFault(kind: number): Response | Error {
  switch (kind) {
    case 0:
      return new Error('network connection lost');
    case 1:
      return new Response('{"message":"Server Error"}', { status: 500 });
    case 2:
      return new Response('bad gateway', { status: 502 });
    case 3:
      return new Response('{"message":"API rate limit exceeded"}', { status: 429, headers: { 'retry-after': '0' } });
    case 4:
      return new Response('{"message":"API rate limit exceeded for installation"}', {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
      });
    default:
      return new Response('{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}', {
        status: 403,
        headers: { 'retry-after': '0' },
      });
  }
}
