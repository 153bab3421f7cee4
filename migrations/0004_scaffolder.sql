-- Scaffolder (issue 5): tasks, their events (the step logs and status changes clients stream)
-- and the GitHub repositories a task set out to create (so publish:github can be repeated safely).

CREATE TABLE scaffolder_tasks (
  id TEXT PRIMARY KEY,
  -- TaskSpec as JSON (Backstage's v1beta3 shape), secret parameters removed.
  spec TEXT NOT NULL,
  template_ref TEXT NOT NULL,
  -- open | processing | completed | failed | cancelled
  status TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  last_heartbeat_at TEXT,
  ended_at TEXT,
  -- Which run of the task this is (retry starts run n+1 as a new workflow instance).
  run INTEGER NOT NULL DEFAULT 1,
  -- Secrets as JSON, only while the task may still run; NULL once it has ended.
  secrets TEXT,
  -- Step states as JSON: [{ id, name, action, status, startedAt?, endedAt? }].
  steps TEXT NOT NULL DEFAULT '[]',
  -- Rendered spec.output (redacted) once completed; error { name, message } once failed.
  output TEXT,
  error TEXT
);
CREATE INDEX scaffolder_tasks_created ON scaffolder_tasks (created_at);
CREATE INDEX scaffolder_tasks_creator ON scaffolder_tasks (created_by, created_at);
CREATE INDEX scaffolder_tasks_status ON scaffolder_tasks (status, created_at);

CREATE TABLE scaffolder_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id TEXT NOT NULL,
  -- log | completion | cancelled | recovered
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX scaffolder_events_task ON scaffolder_events (task_id, id);

-- Written before publish:github creates a repository: a retried step finding the repository
-- already there reuses it only when this task is the one that set out to create it.
CREATE TABLE scaffolder_github_repos (
  task_id TEXT NOT NULL,
  host TEXT NOT NULL,
  owner TEXT NOT NULL,
  repo TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (host, owner, repo)
);
