/**
 * Units of GitHub work on the `greenroom-github` queue. Each names *what* to bring up to date,
 * never *how it looked* in the event: processing reads GitHub's current state, so jobs for the
 * same thing are interchangeable and their order does not matter.
 */
export type GithubJob =
  /** Bring one repository's catalog locations in line with its branch (or retire them). */
  | ({ kind: 'repo'; installationId: number; repoId: number } & JobMeta)
  /** Discover an installation's repositories (fanning out repo jobs) and sync its organisation. */
  | ({ kind: 'installation'; installationId: number } & JobMeta)
  /** Sync the teams and members of an installation's organisation. */
  | ({ kind: 'org'; installationId: number } & JobMeta)
  /** Reconcile everything: every installation of the App, and whatever is gone. */
  | ({ kind: 'reconcile' } & JobMeta)
  /** Rebuild the TechDocs sites of a repository's entities whose docs sources changed (worker/techdocs/). */
  | ({ kind: 'docs'; installationId: number; repoId: number } & JobMeta);

/** What travels with a job besides its subject. */
export interface JobMeta {
  /** Deliveries that asked for this work; marked processed when it is done. */
  deliveries?: string[];
  /** Discovery/reconcile runs counting this job in their progress. */
  runs?: string[];
  /** Re-read everything even when the repository's tree has not changed. */
  force?: boolean;
}

/** The thing a job brings up to date; jobs with the same key are merged and never run at once. */
export function jobKey(job: GithubJob): string {
  switch (job.kind) {
    case 'repo':
      return `repo:${job.repoId}`;
    case 'installation':
      return `installation:${job.installationId}`;
    case 'org':
      return `org:${job.installationId}`;
    case 'reconcile':
      return 'reconcile';
    case 'docs':
      return `docs:${job.repoId}`;
  }
}

/** What a job counts as in the runs it belongs to (a reconcile is the run itself). */
export function runItem(job: GithubJob): { kind: 'repo' | 'installation' | 'org'; id: number } | undefined {
  if (job.kind === 'repo') return { kind: 'repo', id: job.repoId };
  if (job.kind === 'reconcile' || job.kind === 'docs') return undefined;
  return { kind: job.kind, id: job.installationId };
}

const union = (a: string[] | undefined, b: string[] | undefined) => [...new Set([...(a ?? []), ...(b ?? [])])];

/** One job doing the work of two with the same key: deliveries and runs united, force if either forces. */
export function mergeJobs<J extends GithubJob>(a: J, b: GithubJob): J {
  const deliveries = union(a.deliveries, b.deliveries);
  const runs = union(a.runs, b.runs);
  const force = a.force || b.force;
  return {
    ...a,
    ...(deliveries.length ? { deliveries } : {}),
    ...(runs.length ? { runs } : {}),
    ...(force ? { force } : {}),
  };
}

/** Puts jobs on the GitHub queue, in batches the Queues API accepts. */
export async function enqueueJobs(queue: Queue<GithubJob>, jobs: GithubJob[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += 100) {
    await queue.sendBatch(jobs.slice(i, i + 100).map((body) => ({ body })));
  }
}
