-- Sign-in and permissions: revocable sessions, hashed API tokens, the audit log of writes and
-- the counters that rate-limit sign-in and token creation.

-- One row per sign-in. The cookie is a JWT naming the row (`sid`); a session is valid while its
-- JWT verifies, `expires_at` is ahead and `revoked_at` is NULL, so sign-out is immediate.
-- `identity` is the JSON the policy needs (user ref, ownership refs, GitHub orgs and teams).
CREATE TABLE auth_sessions (
  id TEXT PRIMARY KEY,
  user_ref TEXT NOT NULL,
  identity TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_ref);

-- API tokens. Only the SHA-256 of the secret is stored; the secret is shown once, at creation.
-- A token acts as its creator's identity at creation (`identity`), cut to its `scopes` (JSON array).
CREATE TABLE auth_tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  user_ref TEXT NOT NULL,
  identity TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX auth_tokens_user ON auth_tokens (user_ref);

-- Every write through the API (and every sign-in or refused sign-in): who, how, what, when.
CREATE TABLE auth_audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  -- session, token, guest, or sign-in for the OAuth handler's own records
  via TEXT NOT NULL,
  token_id TEXT,
  action TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  detail TEXT,
  ip TEXT
);
CREATE INDEX auth_audit_at ON auth_audit (at);

-- Fixed one-minute windows per bucket and client (`bucket:client`).
CREATE TABLE auth_rate_limits (
  key TEXT PRIMARY KEY,
  window INTEGER NOT NULL,
  count INTEGER NOT NULL
) WITHOUT ROWID;
