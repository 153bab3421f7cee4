// Webhook deliveries as GitHub sends them, for tests, `npm run simulate` and the benchmark:
// payloads start from GitHub's own examples (@octokit/webhooks-examples) and are adapted to the
// stand-in's state (ids, names, branches, installation), then signed like GitHub signs them.
// Plain TypeScript without runtime-only syntax, so Node runs it directly.

import { Webhooks } from '@octokit/webhooks';
import type { GithubStandin, StandinInstallation, StandinOrg, StandinRepo } from './github-standin';

/** The part of @octokit/webhooks-examples' index this reads. */
export interface WebhookExamples {
  name: string;
  examples: Record<string, unknown>[];
}

/** One delivery: what goes over the wire. */
export interface Delivery {
  event: string;
  id: string;
  body: string;
  headers: Record<string, string>;
}

type Payload = Record<string, unknown>;

const ZERO_SHA = '0000000000000000000000000000000000000000';

/** Builds payloads for the stand-in's repositories, organisations and installations from GitHub's examples. */
export class WebhookFactory {
  private readonly examples: WebhookExamples[];
  private readonly github: GithubStandin;

  constructor(examples: WebhookExamples[], github: GithubStandin) {
    this.examples = examples;
    this.github = github;
  }

  /** A deep copy of GitHub's example for an event (and action, falling back to another action of the event). */
  private example(event: string, action?: string, match: (p: Payload) => boolean = () => true): Payload {
    const all = this.examples.find((e) => e.name === event)?.examples ?? [];
    const found =
      all.find((p) => (action === undefined || p.action === action) && match(p)) ??
      all.find((p) => p.action === action) ??
      all.find(match) ??
      all[0];
    if (!found) throw new Error(`@octokit/webhooks-examples has no ${event} example`);
    const copy = structuredClone(found);
    if (action !== undefined) copy.action = action;
    return copy;
  }

  private installationRef(inst: StandinInstallation | undefined): Payload {
    return inst ? { installation: { id: inst.id, node_id: `MDIz${inst.id}` } } : {};
  }

  private repoPart(example: Payload, repo: StandinRepo): Payload {
    const repository = { ...(example.repository as Payload | undefined), ...this.github.repoJson(repo) };
    const org = repo.owner.type === 'Organization' ? { organization: { login: repo.owner.login, id: repo.owner.id } } : {};
    return { repository, ...org, ...this.installationRef(this.github.installationOf(repo)) };
  }

  /** A push to a branch (the default one unless named). */
  push(repo: StandinRepo, options: { branch?: string; before?: string; after?: string; forced?: boolean; commits?: number } = {}): Payload {
    const example = this.example('push', undefined, (p) => String(p.ref).startsWith('refs/heads/') && !!p.installation);
    const commit = (example.commits as Payload[] | undefined)?.[0] ?? {};
    const after = options.after ?? crypto.randomUUID().replace(/-/g, '').padEnd(40, '0').slice(0, 40);
    return {
      ...example,
      ref: `refs/heads/${options.branch ?? repo.defaultBranch}`,
      before: options.before ?? ZERO_SHA,
      after,
      created: options.before === ZERO_SHA,
      deleted: false,
      forced: options.forced ?? false,
      // GitHub lists at most a few commits of a big push; the handler must never rely on them.
      commits: Array.from({ length: options.commits ?? 1 }, () => ({ ...commit, id: after })),
      head_commit: { ...commit, id: after },
      ...this.repoPart(example, repo),
    };
  }

  /** A `repository` event (created, deleted, archived, unarchived, renamed, transferred, edited, privatized, publicized). */
  repository(action: string, repo: StandinRepo, changes?: Payload, installation?: StandinInstallation): Payload {
    const example = this.example('repository', action);
    const part = this.repoPart(example, repo);
    return { ...example, ...part, ...(installation ? this.installationRef(installation) : {}), ...(changes ? { changes } : {}) };
  }

  /** An `installation` event. */
  installation(action: string, inst: StandinInstallation): Payload {
    const example = this.example('installation', action);
    const repositories = [...this.github.repos.values()].filter((r) => this.github.installationOf(r)?.id === inst.id).map((r) => ({ id: r.id, name: r.name, full_name: `${r.owner.login}/${r.name}`, private: r.private }));
    return { ...example, installation: { ...(example.installation as Payload), ...this.github.installationJson(inst) }, repositories };
  }

  /** An `installation_repositories` event. */
  installationRepositories(action: 'added' | 'removed', inst: StandinInstallation, repos: StandinRepo[]): Payload {
    const example = this.example('installation_repositories', action);
    const list = repos.map((r) => ({ id: r.id, name: r.name, full_name: `${r.owner.login}/${r.name}`, private: r.private }));
    return {
      ...example,
      installation: { ...(example.installation as Payload), ...this.github.installationJson(inst) },
      repository_selection: 'selected',
      repositories_added: action === 'added' ? list : [],
      repositories_removed: action === 'removed' ? list : [],
    };
  }

  private orgPart(org: StandinOrg): Payload {
    const inst = [...this.github.installations.values()].find((i) => i.account.id === org.account.id);
    return { organization: { login: org.account.login, id: org.account.id }, ...this.installationRef(inst) };
  }

  /** An `organization` event (member_added, member_removed, renamed). */
  organization(action: string, org: StandinOrg, login?: string): Payload {
    const example = this.example('organization', action);
    const user = login ? this.github.users.get(login.toLowerCase()) : undefined;
    return { ...example, ...(user ? { membership: { ...(example.membership as Payload), user: this.github.userJson(user), role: 'member', state: 'active' } } : {}), ...this.orgPart(org) };
  }

  /** A `membership` event (added, removed). */
  membership(action: 'added' | 'removed', org: StandinOrg, teamSlug: string, login: string): Payload {
    const example = this.example('membership', action, (p) => !!p.installation);
    const team = org.teams.get(teamSlug);
    const user = this.github.users.get(login.toLowerCase());
    return { ...example, scope: 'team', member: user ? this.github.userJson(user) : { login }, team: team ? this.github.teamJson(org, team) : { slug: teamSlug }, ...this.orgPart(org) };
  }

  /** A `team` event (created, deleted, edited). */
  team(action: string, org: StandinOrg, slug: string): Payload {
    const example = this.example('team', action);
    const team = org.teams.get(slug);
    return { ...example, team: team ? this.github.teamJson(org, team) : { ...(example.team as Payload), slug }, ...this.orgPart(org) };
  }

  /** A `ping`, as sent when the App's webhook is set up. */
  ping(): Payload {
    return this.example('ping');
  }
}

/** Signs a payload as GitHub does (`X-Hub-Signature-256`, HMAC-SHA256 of the exact body). */
export async function signDelivery(secret: string, event: string, payload: unknown, id: string = crypto.randomUUID()): Promise<Delivery> {
  const body = JSON.stringify(payload);
  return {
    event,
    id,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/greenroom-standin',
      'x-github-event': event,
      'x-github-delivery': id,
      'x-github-hook-installation-target-type': 'integration',
      'x-hub-signature-256': await new Webhooks({ secret }).sign(body),
    },
  };
}
