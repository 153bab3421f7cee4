import examples from '@octokit/webhooks-examples';
import { describe, expect, it } from 'vitest';
import { readConfig, type GithubConfig } from '../../worker/config';
import type { Env } from '../../worker/env';
import { workForEvent } from '../../worker/github/events';

const CONFIG = readConfig({} as Env).github;
const all = examples as unknown as { name: string; examples: Record<string, unknown>[] }[];

/** GitHub's own example payloads of an event, as App deliveries (which always name the installation). */
function payloads(event: string): Record<string, unknown>[] {
  return (all.find((e) => e.name === event)?.examples ?? []).map((p) => ({ installation: { id: 1 }, ...p }));
}

const work = (event: string, payload: unknown, config: GithubConfig = CONFIG) => workForEvent(event, 'delivery-1', payload, config);

describe('what each webhook asks for', () => {
  it('push: the default branch (or the configured one) syncs the repository; tags and other branches nothing', () => {
    const pushes = payloads('push');
    const toDefault = pushes.find((p) => p.ref === 'refs/heads/master')!;
    const repoId = (toDefault.repository as { id: number }).id;
    expect(work('push', toDefault)).toEqual({ jobs: [{ kind: 'repo', installationId: 1, repoId, deliveries: ['delivery-1'] }] });
    expect(work('push', toDefault, { ...CONFIG, branch: 'release' }).jobs).toEqual([]);
    expect(work('push', { ...toDefault, ref: 'refs/heads/release' }, { ...CONFIG, branch: 'release' }).jobs).toHaveLength(1);
    const tags = pushes.filter((p) => String(p.ref).startsWith('refs/tags/'));
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(work('push', tag).jobs).toEqual([]);
    expect(work('push', { ...toDefault, ref: 'refs/heads/feature' }).jobs).toEqual([]);
  });

  it('every repository action syncs that repository', () => {
    const actions = new Set<string>();
    for (const p of payloads('repository')) {
      actions.add(String(p.action));
      expect(work('repository', p).jobs).toEqual([{ kind: 'repo', installationId: 1, repoId: (p.repository as { id: number }).id, deliveries: ['delivery-1'] }]);
    }
    expect([...actions].sort()).toEqual(['created', 'edited', 'privatized', 'publicized', 'renamed', 'transferred']);
  });

  it('installation events discover the installation as a visible run; repository access changes sync those repositories', () => {
    const installations = payloads('installation');
    expect(installations.length).toBeGreaterThan(0);
    for (const p of installations) {
      const installationId = (p.installation as { id: number }).id;
      expect(work('installation', p)).toEqual({
        jobs: [{ kind: 'installation', installationId, deliveries: ['delivery-1'], runs: ['delivery-1'] }],
        run: { trigger: `installation.${String(p.action)}`, installationId },
      });
    }
    const [added, , removed] = payloads('installation_repositories');
    expect(work('installation_repositories', added).jobs.map((j) => j.kind === 'repo' && j.repoId)).toEqual((added!.repositories_added as { id: number }[]).map((r) => r.id));
    expect(work('installation_repositories', removed).jobs.map((j) => j.kind === 'repo' && j.repoId)).toEqual((removed!.repositories_removed as { id: number }[]).map((r) => r.id));
  });

  it('organization, membership and team changes sync the organisation; a renamed organisation is rediscovered', () => {
    const org = { kind: 'org', installationId: 1, deliveries: ['delivery-1'] };
    const memberships = payloads('membership');
    expect(memberships.length).toBeGreaterThan(0);
    for (const p of memberships) expect(work('membership', p).jobs).toEqual([org]);
    const byAction = (event: string, action: string) => work(event, payloads(event).find((p) => p.action === action)).jobs;
    expect(byAction('organization', 'member_added')).toEqual([org]);
    expect(byAction('organization', 'member_invited')).toEqual([]);
    expect(byAction('organization', 'renamed')).toEqual([{ kind: 'installation', installationId: 1, deliveries: ['delivery-1'], runs: ['delivery-1'] }]);
    for (const action of ['created', 'deleted', 'edited']) expect(byAction('team', action)).toEqual([org]);
    expect(byAction('team', 'added_to_repository')).toEqual([]);
  });

  it('ping, events not about the catalog and deliveries without an installation ask for nothing', () => {
    const pings = payloads('ping');
    expect(pings.length).toBeGreaterThan(0);
    for (const p of pings) expect(work('ping', p).jobs).toEqual([]);
    expect(work('issues', { action: 'opened', installation: { id: 1 } }).jobs).toEqual([]);
    const { installation: _none, ...plain } = payloads('push').find((p) => p.ref === 'refs/heads/master')!;
    expect(work('push', plain).jobs).toEqual([]);
    expect(work('push', null).jobs).toEqual([]);
  });
});
