import type { GithubConfig } from '../config';
import type { GithubJob } from './jobs';
import { catalogBranch } from './policy';

/** The parts of webhook payloads read here; everything else in them is ignored. */
interface Payload {
  action?: string;
  ref?: string;
  installation?: { id?: number };
  repository?: { id?: number; default_branch?: string };
  repositories_added?: { id: number }[];
  repositories_removed?: { id: number }[];
}

/** What a verified delivery asks for: jobs to queue, and whether they start a visible discovery run. */
export interface EventWork {
  jobs: GithubJob[];
  /** An installation to discover, as a run whose id is the delivery's. */
  run?: { trigger: string; installationId: number };
}

const ORG_ACTIONS: Record<string, readonly string[]> = {
  organization: ['member_added', 'member_removed', 'deleted'],
  membership: ['added', 'removed'],
  team: ['created', 'deleted', 'edited'],
};

/**
 * Maps a webhook to jobs. Jobs name what to bring up to date (a repository, an installation, an
 * organisation) and carry nothing else from the payload, because by the time they run the payload
 * may be old news: processing reads GitHub's current state. Events that cannot change the
 * catalog (ping, other branches, tags, repository access of teams, invitations) ask for nothing.
 */
export function workForEvent(name: string, delivery: string, body: unknown, config: GithubConfig): EventWork {
  const payload = (typeof body === 'object' && body !== null ? body : {}) as Payload;
  const installationId = payload.installation?.id;
  if (typeof installationId !== 'number') return { jobs: [] };
  const deliveries = [delivery];
  const repoJob = (repoId: number): GithubJob => ({ kind: 'repo', installationId, repoId, deliveries });
  switch (name) {
    case 'push': {
      const repo = payload.repository;
      if (typeof repo?.id !== 'number' || typeof repo.default_branch !== 'string') return { jobs: [] };
      // Forced pushes, truncated commit lists and deleted files all come to the same: re-read the branch.
      return payload.ref === `refs/heads/${catalogBranch(config, repo.default_branch)}` ? { jobs: [repoJob(repo.id)] } : { jobs: [] };
    }
    case 'repository':
      return typeof payload.repository?.id === 'number' ? { jobs: [repoJob(payload.repository.id)] } : { jobs: [] };
    case 'installation_repositories':
      return { jobs: [...(payload.repositories_added ?? []), ...(payload.repositories_removed ?? [])].map((r) => repoJob(r.id)) };
    case 'organization':
      // A renamed organisation renames every repository URL too: rediscover all of it.
      if (payload.action === 'renamed') return installationWork(installationId, delivery, 'organization.renamed');
      return orgWork(name, payload.action, installationId, deliveries);
    case 'installation':
      return installationWork(installationId, delivery, `installation.${payload.action ?? ''}`);
    case 'membership':
    case 'team':
      return orgWork(name, payload.action, installationId, deliveries);
    default:
      return { jobs: [] };
  }
}

function installationWork(installationId: number, delivery: string, trigger: string): EventWork {
  return { jobs: [{ kind: 'installation', installationId, deliveries: [delivery], runs: [delivery] }], run: { trigger, installationId } };
}

function orgWork(event: string, action: string | undefined, installationId: number, deliveries: string[]): EventWork {
  return ORG_ACTIONS[event]?.includes(action ?? '') ? { jobs: [{ kind: 'org', installationId, deliveries }] } : { jobs: [] };
}
