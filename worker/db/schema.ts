import { index, integer, primaryKey, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';

// One schema for D1 and libSQL. It mirrors migrations/*.sql, which are the source of truth for
// what exists in a database (FTS5 virtual tables cannot be described here, so SQL stays canonical).

/** Locations registered through the API. */
export const locations = sqliteTable(
  'locations',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    target: text('target').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [unique().on(t.type, t.target)],
);

/** Every location key that yields entities, with the outcome of its last processing. */
export const locationKeys = sqliteTable(
  'location_keys',
  {
    key: text('key').primaryKey(),
    originKey: text('origin_key').notNull(),
    parentKey: text('parent_key'),
    parentRef: text('parent_ref'),
    status: text('status', { enum: ['pending', 'ok', 'error'] }).notNull().default('pending'),
    errors: text('errors'),
    contentHash: text('content_hash'),
    processedAt: text('processed_at'),
  },
  (t) => [index('location_keys_parent').on(t.parentKey), index('location_keys_origin').on(t.originKey)],
);

/** Final entities; `body` is the entity JSON without relations and status. */
export const entities = sqliteTable(
  'entities',
  {
    id: integer('id').primaryKey(),
    uid: text('uid').notNull().unique(),
    ref: text('ref').notNull().unique(),
    kind: text('kind').notNull(),
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    locationKey: text('location_key'),
    hash: text('hash').notNull(),
    etag: text('etag').notNull(),
    body: text('body').notNull(),
    orphan: integer('orphan').notNull().default(0),
    errors: text('errors'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('entities_kind').on(t.kind),
    index('entities_kind_name').on(t.kind, t.name),
    index('entities_location').on(t.locationKey),
    index('entities_updated').on(t.updatedAt),
  ],
);

/**
 * Relation pairs, each once as the entity (`origin_id`, whose ref is `source`) emitted it; the
 * other direction is found through the FTS5 table relation_targets (migration 0014).
 */
export const relations = sqliteTable(
  'relations',
  {
    originId: integer('origin_id').notNull(),
    source: text('source').notNull(),
    type: text('type').notNull(),
    target: text('target').notNull(),
  },
  // Clustered on its primary key (WITHOUT ROWID): a new entity's rows append.
  (t) => [primaryKey({ columns: [t.originId, t.type, t.target] })],
);

/** Flattened fields of every entity, for filters and facets. */
export const search = sqliteTable(
  'search',
  {
    key: text('key').notNull(),
    value: text('value').notNull(),
    entityId: integer('entity_id').notNull(),
    originalValue: text('original_value'),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.key, t.value] })],
);

/** The search rows of the facet keys (FACET_KEYS), again in value order so counting them needs no sort. */
export const facetValues = sqliteTable(
  'facet_values',
  {
    key: text('key').notNull(),
    value: text('value').notNull(),
    entityId: integer('entity_id').notNull(),
    originalValue: text('original_value'),
  },
  (t) => [primaryKey({ columns: [t.key, t.value, t.entityId] })],
);

/** A token that every entity write replaces (triggers in the migration); guards reused results. */
export const catalogGeneration = sqliteTable('catalog_generation', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull(),
});

/** Verified webhook deliveries, by X-GitHub-Delivery (deduplication and processing state). */
export const githubDeliveries = sqliteTable(
  'github_deliveries',
  {
    id: text('id').primaryKey(),
    event: text('event').notNull(),
    action: text('action'),
    receivedAt: text('received_at').notNull(),
    processedAt: text('processed_at'),
    outcome: text('outcome'),
  },
  (t) => [index('github_deliveries_pending').on(t.processedAt), index('github_deliveries_received').on(t.receivedAt)],
);

/** Repositories seen through GitHub App installations and the catalog locations registered for them. */
export const githubRepositories = sqliteTable(
  'github_repositories',
  {
    id: integer('id').primaryKey(),
    installationId: integer('installation_id').notNull(),
    fullName: text('full_name').notNull(),
    branch: text('branch'),
    treeSha: text('tree_sha'),
    targets: text('targets').notNull().default('[]'),
    status: text('status').notNull(),
    error: text('error'),
    syncedAt: text('synced_at').notNull(),
  },
  (t) => [index('github_repositories_installation').on(t.installationId)],
);

/** GitHub App installations and their accounts. */
export const githubInstallations = sqliteTable('github_installations', {
  id: integer('id').primaryKey(),
  accountLogin: text('account_login').notNull(),
  accountType: text('account_type').notNull(),
  accountId: integer('account_id').notNull(),
  status: text('status').notNull(),
  syncedAt: text('synced_at').notNull(),
});

/** Discovery and reconcile runs. */
export const githubRuns = sqliteTable(
  'github_runs',
  {
    id: text('id').primaryKey(),
    trigger: text('trigger').notNull(),
    startedAt: text('started_at').notNull(),
    installations: integer('installations'),
    error: text('error'),
  },
  (t) => [index('github_runs_started').on(t.startedAt)],
);

/** The installations and repositories of a run and how each went. */
export const githubRunItems = sqliteTable(
  'github_run_items',
  {
    runId: text('run_id').notNull(),
    kind: text('kind').notNull(),
    itemId: integer('item_id').notNull(),
    state: text('state').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.kind, t.itemId] })],
);

/** One holder per GitHub job key at a time. */
export const githubLocks = sqliteTable('github_locks', {
  key: text('key').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** Jobs waiting for the holder of their key's lock. */
export const githubLockWaiters = sqliteTable(
  'github_lock_waiters',
  {
    id: integer('id').primaryKey(),
    key: text('key').notNull(),
    job: text('job').notNull(),
  },
  (t) => [index('github_lock_waiters_key').on(t.key)],
);

/** GitHub jobs that failed: retrying, or given up after the dead-letter queue. */
export const githubFailures = sqliteTable('github_failures', {
  key: text('key').primaryKey(),
  job: text('job').notNull(),
  error: text('error').notNull(),
  attempts: integer('attempts').notNull(),
  dead: integer('dead').notNull().default(0),
  firstFailedAt: text('first_failed_at').notNull(),
  lastFailedAt: text('last_failed_at').notNull(),
});

/** Sign-ins: the session cookie names a row; sign-out revokes it. */
export const authSessions = sqliteTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    userRef: text('user_ref').notNull(),
    identity: text('identity').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('auth_sessions_user').on(t.userRef)],
);

/** API tokens, stored as the SHA-256 of their secret. */
export const authTokens = sqliteTable(
  'auth_tokens',
  {
    id: text('id').primaryKey(),
    hash: text('hash').notNull().unique(),
    name: text('name').notNull(),
    userRef: text('user_ref').notNull(),
    identity: text('identity').notNull(),
    scopes: text('scopes').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('auth_tokens_user').on(t.userRef)],
);

/** The audit log of writes and sign-ins. */
export const authAudit = sqliteTable(
  'auth_audit',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    via: text('via').notNull(),
    tokenId: text('token_id'),
    action: text('action').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    detail: text('detail'),
    ip: text('ip'),
  },
  (t) => [index('auth_audit_at').on(t.at)],
);

/** Rate-limit counters, one fixed window per bucket and client. */
export const authRateLimits = sqliteTable('auth_rate_limits', {
  key: text('key').primaryKey(),
  window: integer('window').notNull(),
  count: integer('count').notNull(),
});

/** Entities each user starred (home page, catalog). */
export const userStarredEntities = sqliteTable(
  'user_starred_entities',
  {
    userRef: text('user_ref').notNull(),
    entityRef: text('entity_ref').notNull(),
    starredAt: text('starred_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userRef, t.entityRef] })],
);

/** Scaffolder tasks: the spec (secret-free), status, step states, output or error; secrets only while running. */
export const scaffolderTasks = sqliteTable(
  'scaffolder_tasks',
  {
    id: text('id').primaryKey(),
    spec: text('spec').notNull(),
    templateRef: text('template_ref').notNull(),
    status: text('status').notNull(),
    createdBy: text('created_by').notNull().default(''),
    createdAt: text('created_at').notNull(),
    lastHeartbeatAt: text('last_heartbeat_at'),
    endedAt: text('ended_at'),
    run: integer('run').notNull().default(1),
    secrets: text('secrets'),
    steps: text('steps').notNull().default('[]'),
    output: text('output'),
    error: text('error'),
  },
  (t) => [
    index('scaffolder_tasks_created').on(t.createdAt),
    index('scaffolder_tasks_creator').on(t.createdBy, t.createdAt),
    index('scaffolder_tasks_status').on(t.status, t.createdAt),
  ],
);

/** Scaffolder task events: step logs, status changes, cancellation and completion. */
export const scaffolderEvents = sqliteTable(
  'scaffolder_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: text('task_id').notNull(),
    type: text('type').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('scaffolder_events_task').on(t.taskId, t.id)],
);

/** Repositories publish:github set out to create, so a repeated step reuses its own. */
export const scaffolderGithubRepos = sqliteTable(
  'scaffolder_github_repos',
  {
    taskId: text('task_id').notNull(),
    host: text('host').notNull(),
    owner: text('owner').notNull(),
    repo: text('repo').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.host, t.owner, t.repo] })],
);
