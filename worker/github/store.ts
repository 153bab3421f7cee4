import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Database } from '../db/client';
import type { AppEnv } from '../env';
import type { GithubJob } from './jobs';

/** A repository the integration keeps in the catalog. */
export interface RepositoryRecord {
  id: number;
  installationId: number;
  fullName: string;
  branch: string | null;
  treeSha: string | null;
  /** Catalog location targets registered for it. */
  targets: string[];
  status: 'ok' | 'no-catalog' | 'syncing' | 'retired' | 'error';
  error: string | null;
  syncedAt: string;
}

/** An installation of the App and the account it is on. */
export interface InstallationRecord {
  id: number;
  accountLogin: string;
  accountType: string;
  accountId: number;
  status: 'active' | 'suspended' | 'not-allowed' | 'uninstalled';
  syncedAt: string;
}

/** A job that failed: still retrying, or given up and parked in the dead-letter queue. */
export interface FailureRecord {
  key: string;
  job: GithubJob;
  error: string;
  attempts: number;
  dead: boolean;
  firstFailedAt: string;
  lastFailedAt: string;
}

/** Progress of a discovery or reconcile run. */
export interface RunProgress {
  id: string;
  trigger: string;
  startedAt: string;
  installations: { expected: number | null; done: number; failed: number };
  repositories: { total: number; done: number; failed: number };
  error: string | null;
  finished: boolean;
}

interface RepoRow {
  id: number;
  installation_id: number;
  full_name: string;
  branch: string | null;
  tree_sha: string | null;
  targets: string;
  status: RepositoryRecord['status'];
  error: string | null;
  synced_at: string;
}

const toRepo = (r: RepoRow): RepositoryRecord => ({
  id: r.id,
  installationId: r.installation_id,
  fullName: r.full_name,
  branch: r.branch,
  treeSha: r.tree_sha,
  targets: JSON.parse(r.targets) as string[],
  status: r.status,
  error: r.error,
  syncedAt: r.synced_at,
});

interface InstallationRow {
  id: number;
  account_login: string;
  account_type: string;
  account_id: number;
  status: InstallationRecord['status'];
  synced_at: string;
}

const toInstallation = (r: InstallationRow): InstallationRecord => ({
  id: r.id,
  accountLogin: r.account_login,
  accountType: r.account_type,
  accountId: r.account_id,
  status: r.status,
  syncedAt: r.synced_at,
});

interface FailureRow {
  key: string;
  job: string;
  error: string;
  attempts: number;
  dead: number;
  first_failed_at: string;
  last_failed_at: string;
}

const toFailure = (r: FailureRow): FailureRecord => ({
  key: r.key,
  job: JSON.parse(r.job) as GithubJob,
  error: r.error,
  attempts: r.attempts,
  dead: r.dead === 1,
  firstFailedAt: r.first_failed_at,
  lastFailedAt: r.last_failed_at,
});

const now = () => new Date().toISOString();
const json = (v: unknown) => JSON.stringify(v);

/** The store over a request's database. */
export const githubStoreOf = (c: Context<AppEnv>) => new GithubStore(c.var.store.db);

/** The integration's own state in the catalog database (deliveries, repositories, runs, locks, failures). */
export class GithubStore {
  constructor(readonly db: Database) {}

  /**
   * Records a delivery (already processed, as `ignored`, when it asks for nothing); false when
   * its id was seen before (a redelivery or a replay).
   */
  async recordDelivery(id: string, event: string, action: string | undefined, ignored: boolean): Promise<boolean> {
    const at = now();
    const rows = await this.db.all<{ id: string }>(
      sql`INSERT INTO github_deliveries (id, event, action, received_at, processed_at, outcome)
          VALUES (${id}, ${event}, ${action ?? null}, ${at}, ${ignored ? at : null}, ${ignored ? 'ignored' : null})
          ON CONFLICT (id) DO NOTHING RETURNING id`,
    );
    return rows.length === 1;
  }

  /** Forgets a delivery whose work could not be queued, so GitHub's redelivery is accepted. */
  async forgetDelivery(id: string): Promise<void> {
    await this.db.writeBatch([sql`DELETE FROM github_deliveries WHERE id = ${id}`]);
  }

  /** Marks deliveries whose work was given up on as processed, `failed`. */
  async failDeliveries(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.writeBatch([
      sql`UPDATE github_deliveries SET processed_at = ${now()}, outcome = 'failed'
          WHERE id IN (SELECT value FROM json_each(${json(ids)})) AND processed_at IS NULL`,
    ]);
  }

  /** Drops delivery records older than `before`: GitHub only redelivers recent ones. */
  async pruneDeliveries(before: Date): Promise<void> {
    await this.db.writeBatch([sql`DELETE FROM github_deliveries WHERE received_at < ${before.toISOString()} AND processed_at IS NOT NULL`]);
  }

  /** A repository by id. */
  async repository(id: number): Promise<RepositoryRecord | undefined> {
    const [row] = await this.db.all<RepoRow>(sql`SELECT * FROM github_repositories WHERE id = ${id}`);
    return row && toRepo(row);
  }

  /** Repositories of an installation (or all). */
  async repositories(installationId?: number): Promise<RepositoryRecord[]> {
    const rows = await this.db.all<RepoRow>(
      installationId === undefined
        ? sql`SELECT * FROM github_repositories ORDER BY full_name`
        : sql`SELECT * FROM github_repositories WHERE installation_id = ${installationId} ORDER BY full_name`,
    );
    return rows.map(toRepo);
  }

  /** Saves a repository's state after a sync. */
  async saveRepository(r: Omit<RepositoryRecord, 'syncedAt'>): Promise<void> {
    await this.db.writeBatch([
      sql`INSERT INTO github_repositories (id, installation_id, full_name, branch, tree_sha, targets, status, error, synced_at)
          VALUES (${r.id}, ${r.installationId}, ${r.fullName}, ${r.branch}, ${r.treeSha}, ${json(r.targets)}, ${r.status}, ${r.error}, ${now()})
          ON CONFLICT (id) DO UPDATE SET installation_id = excluded.installation_id, full_name = excluded.full_name,
            branch = excluded.branch, tree_sha = excluded.tree_sha, targets = excluded.targets, status = excluded.status,
            error = excluded.error, synced_at = excluded.synced_at`,
    ]);
  }

  /** An installation by id. */
  async installation(id: number): Promise<InstallationRecord | undefined> {
    const [row] = await this.db.all<InstallationRow>(sql`SELECT * FROM github_installations WHERE id = ${id}`);
    return row && toInstallation(row);
  }

  /** Every installation known. */
  async installations(): Promise<InstallationRecord[]> {
    return (await this.db.all<InstallationRow>(sql`SELECT * FROM github_installations ORDER BY id`)).map(toInstallation);
  }

  /** Saves what an installation is. */
  async saveInstallation(i: Omit<InstallationRecord, 'syncedAt'>): Promise<void> {
    await this.db.writeBatch([
      sql`INSERT INTO github_installations (id, account_login, account_type, account_id, status, synced_at)
          VALUES (${i.id}, ${i.accountLogin}, ${i.accountType}, ${i.accountId}, ${i.status}, ${now()})
          ON CONFLICT (id) DO UPDATE SET account_login = excluded.account_login, account_type = excluded.account_type,
            account_id = excluded.account_id, status = excluded.status, synced_at = excluded.synced_at`,
    ]);
  }

  /** Starts a run; `installations` is known up front for one installation, later for a reconcile. */
  async startRun(id: string, trigger: string, installations?: number[]): Promise<void> {
    await this.db.writeBatch([
      sql`INSERT INTO github_runs (id, trigger, started_at, installations) VALUES (${id}, ${trigger}, ${now()}, ${installations?.length ?? null})
          ON CONFLICT (id) DO NOTHING`,
      ...(installations?.length ? [this.addRunItemsSql([id], 'installation', installations)] : []),
    ]);
  }

  /** Sets the installations a reconcile covers, once listed. */
  async setRunInstallations(runId: string, installations: number[]): Promise<void> {
    await this.db.writeBatch([
      sql`UPDATE github_runs SET installations = ${installations.length} WHERE id = ${runId}`,
      ...(installations.length ? [this.addRunItemsSql([runId], 'installation', installations)] : []),
    ]);
  }

  private addRunItemsSql(runIds: string[], kind: 'installation' | 'repo' | 'org', ids: number[]) {
    return sql`INSERT INTO github_run_items (run_id, kind, item_id, state)
      SELECT r.value, ${kind}, i.value, 'pending' FROM json_each(${json(runIds)}) r, json_each(${json(ids)}) i WHERE true
      ON CONFLICT DO NOTHING`;
  }

  /** Adds items to runs as pending (idempotent). */
  async addRunItems(runIds: string[], kind: 'installation' | 'repo' | 'org', ids: number[]): Promise<void> {
    if (runIds.length === 0 || ids.length === 0) return;
    await this.db.writeBatch([this.addRunItemsSql(runIds, kind, ids)]);
  }

  /** Marks one item of runs failed: its job was given up on. */
  async failRunItem(runIds: string[], kind: 'installation' | 'repo' | 'org', id: number): Promise<void> {
    if (runIds.length === 0) return;
    await this.db.writeBatch([
      sql`UPDATE github_run_items SET state = 'failed' WHERE run_id IN (SELECT value FROM json_each(${json(runIds)})) AND kind = ${kind} AND item_id = ${id}`,
    ]);
  }

  /** Records why a run could not go on. */
  async failRun(runIds: string[], error: string): Promise<void> {
    if (runIds.length === 0) return;
    await this.db.writeBatch([sql`UPDATE github_runs SET error = ${error} WHERE id IN (SELECT value FROM json_each(${json(runIds)}))`]);
  }

  /** The latest runs with their progress. */
  async runs(limit: number): Promise<RunProgress[]> {
    const rows = await this.db.all<{
      id: string;
      trigger: string;
      started_at: string;
      installations: number | null;
      error: string | null;
      inst_done: number;
      inst_failed: number;
      repo_total: number;
      repo_done: number;
      repo_failed: number;
      pending: number;
    }>(sql`SELECT r.id, r.trigger, r.started_at, r.installations, r.error,
        (SELECT count(*) FROM github_run_items i WHERE i.run_id = r.id AND i.kind = 'installation' AND i.state = 'done') AS inst_done,
        (SELECT count(*) FROM github_run_items i WHERE i.run_id = r.id AND i.kind = 'installation' AND i.state = 'failed') AS inst_failed,
        (SELECT count(*) FROM github_run_items i WHERE i.run_id = r.id AND i.kind = 'repo') AS repo_total,
        (SELECT count(*) FROM github_run_items i WHERE i.run_id = r.id AND i.kind = 'repo' AND i.state = 'done') AS repo_done,
        (SELECT count(*) FROM github_run_items i WHERE i.run_id = r.id AND i.kind = 'repo' AND i.state = 'failed') AS repo_failed,
        (SELECT count(*) FROM github_run_items i WHERE i.run_id = r.id AND i.state = 'pending') AS pending
      FROM github_runs r ORDER BY r.started_at DESC, r.id LIMIT ${limit}`);
    return rows.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      startedAt: r.started_at,
      installations: { expected: r.installations, done: r.inst_done, failed: r.inst_failed },
      repositories: { total: r.repo_total, done: r.repo_done, failed: r.repo_failed },
      error: r.error,
      finished: r.error !== null || (r.installations !== null && r.pending === 0),
    }));
  }

  /**
   * Takes the lock of a job key for `ttlMs` unless someone else holds it. A holder is a JSON
   * array of queue message ids: one sharing a message with an existing holder takes over, since
   * a message is only redelivered when the consumer that had it is gone.
   */
  async tryLock(key: string, holder: string, ttlMs: number): Promise<boolean> {
    const at = Date.now();
    const rows = await this.db.all<{ holder: string }>(
      sql`INSERT INTO github_locks (key, holder, expires_at) VALUES (${key}, ${holder}, ${at + ttlMs})
          ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
          WHERE github_locks.expires_at < ${at}
             OR EXISTS (SELECT 1 FROM json_each(github_locks.holder) h JOIN json_each(excluded.holder) m ON h.value = m.value)
          RETURNING holder`,
    );
    return rows[0]?.holder === holder;
  }

  /** Leaves a job for the live holder of its key; false when nobody holds it (any more). */
  async addWaiter(key: string, job: GithubJob): Promise<boolean> {
    const rows = await this.db.all<{ id: number }>(
      sql`INSERT INTO github_lock_waiters (key, job) SELECT ${key}, ${json(job)}
          WHERE EXISTS (SELECT 1 FROM github_locks WHERE key = ${key} AND expires_at >= ${Date.now()}) RETURNING id`,
    );
    return rows.length === 1;
  }

  /** Takes (removes and returns) the jobs waiting on a key. */
  async takeWaiters(key: string): Promise<GithubJob[]> {
    const rows = await this.db.all<{ job: string }>(sql`DELETE FROM github_lock_waiters WHERE key = ${key} RETURNING job`);
    return rows.map((r) => JSON.parse(r.job) as GithubJob);
  }

  /** Lets go of a lock unless jobs are waiting on it; false means waiters came and must be run first. */
  async release(key: string, holder: string): Promise<boolean> {
    const rows = await this.db.all<{ key: string }>(
      sql`DELETE FROM github_locks WHERE key = ${key} AND holder = ${holder}
          AND NOT EXISTS (SELECT 1 FROM github_lock_waiters WHERE key = ${key}) RETURNING key`,
    );
    if (rows.length === 1) return true;
    // Lost the lock (expired and taken over): the new holder owns the waiters now.
    const [still] = await this.db.all<{ holder: string }>(sql`SELECT holder FROM github_locks WHERE key = ${key}`);
    return still?.holder !== holder;
  }

  /** Lets go of a lock whatever waits on it (after a failure, so the retry can take it at once). */
  async unlock(key: string, holder: string): Promise<void> {
    await this.db.writeBatch([sql`DELETE FROM github_locks WHERE key = ${key} AND holder = ${holder}`]);
  }

  /** Renews a held lock: its holder is alive and working. */
  async extendLock(key: string, holder: string, ttlMs: number): Promise<void> {
    await this.db.writeBatch([sql`UPDATE github_locks SET expires_at = ${Date.now() + ttlMs} WHERE key = ${key} AND holder = ${holder}`]);
  }

  /** Jobs left waiting on locks whose holder died (expired), to be queued again. */
  async strandedWaiters(): Promise<{ key: string; jobs: GithubJob[] }[]> {
    const rows = await this.db.all<{ key: string }>(
      sql`SELECT DISTINCT w.key FROM github_lock_waiters w LEFT JOIN github_locks l ON l.key = w.key
          WHERE l.key IS NULL OR l.expires_at < ${Date.now()}`,
    );
    const out: { key: string; jobs: GithubJob[] }[] = [];
    for (const { key } of rows) out.push({ key, jobs: await this.takeWaiters(key) });
    return out;
  }

  /** Records a failed attempt (or, with `dead`, a job given up on). */
  async recordFailure(key: string, job: GithubJob, error: string, attempts: number, dead: boolean): Promise<void> {
    const at = now();
    await this.db.writeBatch([
      sql`INSERT INTO github_failures (key, job, error, attempts, dead, first_failed_at, last_failed_at)
          VALUES (${key}, ${json(job)}, ${error}, ${attempts}, ${dead ? 1 : 0}, ${at}, ${at})
          ON CONFLICT (key) DO UPDATE SET job = excluded.job, attempts = max(github_failures.attempts, excluded.attempts),
            dead = max(github_failures.dead, excluded.dead), last_failed_at = excluded.last_failed_at,
            error = CASE WHEN excluded.dead = 1 AND github_failures.error <> '' THEN github_failures.error ELSE excluded.error END`,
    ]);
  }

  /**
   * Records what a batch of jobs finished, in one write: their deliveries processed, the
   * failures of their keys forgotten, their items done in the runs they belong to.
   */
  async completeJobs(done: { keys: string[]; deliveries: string[]; items: { run: string; kind: string; id: number }[] }): Promise<void> {
    await this.db.writeBatch([
      sql`UPDATE github_deliveries SET processed_at = ${now()}, outcome = 'ok'
          WHERE id IN (SELECT value FROM json_each(${json(done.deliveries)})) AND processed_at IS NULL`,
      sql`DELETE FROM github_failures WHERE key IN (SELECT value FROM json_each(${json(done.keys)}))`,
      sql`UPDATE github_run_items SET state = 'done'
          WHERE (run_id, kind, item_id) IN (SELECT json_extract(value, '$.run'), json_extract(value, '$.kind'), json_extract(value, '$.id') FROM json_each(${json(done.items)}))`,
    ]);
  }

  /** Failures, the given-up ones first. */
  async failures(): Promise<FailureRecord[]> {
    return (await this.db.all<FailureRow>(sql`SELECT * FROM github_failures ORDER BY dead DESC, last_failed_at DESC`)).map(toFailure);
  }

  /** Marks a failure as retrying again and returns it (the caller re-queues its job). */
  async reviveFailure(key: string): Promise<FailureRecord | undefined> {
    const [row] = await this.db.all<FailureRow>(sql`UPDATE github_failures SET dead = 0, attempts = 0 WHERE key = ${key} RETURNING *`);
    return row && toFailure(row);
  }

  /** Counts for the status page. */
  async counts(): Promise<{ deliveries: { received: number; pending: number }; repositories: Record<string, number>; failures: { retrying: number; dead: number } }> {
    const [deliveries, repos, failures] = (await this.db.readBatch([
      sql`SELECT count(*) AS received, count(*) - count(processed_at) AS pending FROM github_deliveries`,
      sql`SELECT status, count(*) AS n FROM github_repositories GROUP BY status`,
      sql`SELECT coalesce(sum(dead = 0), 0) AS retrying, coalesce(sum(dead = 1), 0) AS dead FROM github_failures`,
    ])) as [{ received: number; pending: number }[], { status: string; n: number }[], { retrying: number; dead: number }[]];
    return {
      deliveries: deliveries[0] ?? { received: 0, pending: 0 },
      repositories: Object.fromEntries(repos.map((r) => [r.status, r.n])),
      failures: failures[0] ?? { retrying: 0, dead: 0 },
    };
  }
}
