-- GitHub App integration: webhook deliveries, the repositories and organisations it keeps in the
-- catalog, discovery/reconcile runs, job locks and failed work.

-- Every verified delivery, by X-GitHub-Delivery, so a redelivery or a replay is recognised.
-- processed_at stays NULL until the work it asked for is done (or has failed for good).
CREATE TABLE github_deliveries (
  id TEXT PRIMARY KEY,
  event TEXT NOT NULL,
  action TEXT,
  received_at TEXT NOT NULL,
  processed_at TEXT,
  outcome TEXT
);
CREATE INDEX github_deliveries_pending ON github_deliveries (processed_at);
CREATE INDEX github_deliveries_received ON github_deliveries (received_at);

-- Repositories seen through an installation; `targets` are the catalog locations registered for
-- it (JSON array of file URLs), `tree_sha` the tree they were read from.
CREATE TABLE github_repositories (
  id INTEGER PRIMARY KEY,
  installation_id INTEGER NOT NULL,
  full_name TEXT NOT NULL,
  branch TEXT,
  tree_sha TEXT,
  targets TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL,
  error TEXT,
  synced_at TEXT NOT NULL
);
CREATE INDEX github_repositories_installation ON github_repositories (installation_id);

-- Installations whose account is synced as an organisation (teams → Groups, members → Users).
CREATE TABLE github_installations (
  id INTEGER PRIMARY KEY,
  account_login TEXT NOT NULL,
  account_type TEXT NOT NULL,
  account_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  synced_at TEXT NOT NULL
);

-- Discovery and reconcile runs. Progress is counted from their items, which each job marks
-- idempotently, so a redelivered job never counts twice.
CREATE TABLE github_runs (
  id TEXT PRIMARY KEY,
  trigger TEXT NOT NULL,
  started_at TEXT NOT NULL,
  -- How many installations the run covers; NULL until the reconcile has listed them.
  installations INTEGER,
  error TEXT
);
CREATE INDEX github_runs_started ON github_runs (started_at);

-- The installations and repositories of a run, each pending, done or failed.
CREATE TABLE github_run_items (
  run_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (run_id, kind, item_id)
) WITHOUT ROWID;

-- One holder per job key (repository, organisation, installation) at a time.
CREATE TABLE github_locks (
  key TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

-- Jobs that arrived while their key was locked: the holder runs them (merged) before letting go.
CREATE TABLE github_lock_waiters (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  job TEXT NOT NULL
);
CREATE INDEX github_lock_waiters_key ON github_lock_waiters (key);

-- Work that failed: retrying while `dead` = 0, given up (in the dead-letter queue) when 1.
CREATE TABLE github_failures (
  key TEXT PRIMARY KEY,
  job TEXT NOT NULL,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  dead INTEGER NOT NULL DEFAULT 0,
  first_failed_at TEXT NOT NULL,
  last_failed_at TEXT NOT NULL
);
