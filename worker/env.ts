import type { IngestMessage } from './catalog/ingest/message';
import type { GithubJob } from './github/jobs';

/** The Worker's bindings, vars and secrets, typed once for the whole code base. */
export interface Env {
  /** Catalog database (D1). */
  DB: D1Database;
  /** Documentation sites and scaffolder workspaces. */
  DOCS: R2Bucket;
  /** Catalog ingestion queue. */
  INGEST: Queue<IngestMessage>;
  /** GitHub work: webhook deliveries turned into jobs, discovery and reconcile. */
  GITHUB_QUEUE: Queue<GithubJob>;
  /** Scaffolder task workspaces and published archives (publish:local). */
  WORKSPACES: R2Bucket;
  /** Scaffolder runs to start: one message per task run. */
  SCAFFOLDER_QUEUE: Queue<import('./scaffolder/execution/message').ScaffoldMessage>;
  /** The durable workflow that runs scaffolder tasks (instance id = task id). */
  SCAFFOLD: Workflow<import('./scaffolder/execution/message').ScaffoldParams>;
  /** The built web app (Workers static assets). */
  ASSETS?: Fetcher;

  CATALOG_ALLOWED_HOSTS?: string;
  CATALOG_RULES?: string;
  CATALOG_ORPHAN_STRATEGY?: string;
  /** "true" lets locations point at http://localhost / 127.0.0.1 (only honoured for local requests). */
  CATALOG_ALLOW_LOCAL_URLS?: string;
  /** Secret that signs pagination cursors. */
  CURSOR_SECRET?: string;
  /** libSQL/Turso database URL; when set it replaces D1. */
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;

  /** GitHub App id (secret or var). */
  GITHUB_APP_ID?: string;
  /** GitHub App private key, PEM (PKCS#1 as GitHub issues it, or PKCS#8). */
  GITHUB_APP_PRIVATE_KEY?: string;
  /** Secret GitHub signs webhook deliveries with. */
  GITHUB_WEBHOOK_SECRET?: string;
  /** The secret being rotated out; accepted alongside GITHUB_WEBHOOK_SECRET while set. */
  GITHUB_WEBHOOK_SECRET_PREVIOUS?: string;
  /** REST API base URL (GitHub Enterprise Server: `https://<host>/api/v3`). */
  GITHUB_API_URL?: string;
  /** Web host of catalog file URLs (`github.com` or a GHES host). */
  GITHUB_HOST?: string;
  /** Comma-separated account logins whose installations are used (empty: all). */
  GITHUB_ALLOWED_ORGS?: string;
  /** Comma-separated globs of catalog files in a repository. */
  GITHUB_CATALOG_PATHS?: string;
  /** Branch to read: `default` (each repository's default branch) or a branch name. */
  GITHUB_BRANCH?: string;
  /** "false" turns off teams/members → Group/User entities. */
  GITHUB_ORG_SYNC?: string;

  /** Secret that signs session cookies (and encrypts the OAuth transaction). */
  AUTH_SESSION_SECRET?: string;
  /** Hours a session lasts without being refreshed (default 12). */
  AUTH_SESSION_HOURS?: string;
  /** "true" signs local requests (Host localhost/127.0.0.1) in as a guest admin; never honoured for a deployed host. */
  AUTH_GUEST_MODE?: string;
  /** OAuth client id of the OAuth App or GitHub App people sign in with. */
  AUTH_GITHUB_CLIENT_ID?: string;
  /** Its client secret. */
  AUTH_GITHUB_CLIENT_SECRET?: string;
  /** Base URL of GitHub's OAuth endpoints (default `https://<GITHUB_HOST>/login/oauth`). */
  AUTH_GITHUB_OAUTH_URL?: string;
  /** Comma-separated GitHub organisations whose members may sign in (empty: anyone the catalog knows). */
  AUTH_ALLOWED_ORGS?: string;
  /** "minimal" signs in GitHub users the catalog does not know, owning nothing; default "refuse". */
  AUTH_UNKNOWN_USERS?: string;
  /** Roles and rules (JSON, or a table in wrangler.toml); see README "Sign-in and permissions". */
  AUTH_POLICY?: string | object;
  /** Sign-in and token-creation requests per client per minute (default 20). */
  AUTH_RATE_LIMIT_PER_MINUTE?: string;
}

/** Hono's generic parameter for apps and routes of this Worker. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    timing: import('./lib/timing').Timing;
    store: import('./catalog/store/store').CatalogStore;
    config: import('./config').Config;
    /** Who is asking; set by the auth middleware on every route that is not public. */
    principal: import('./auth/principal').Principal | undefined;
  };
}
