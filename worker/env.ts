import type { IngestMessage } from './catalog/ingest/message';

/** The Worker's bindings, vars and secrets, typed once for the whole code base. */
export interface Env {
  /** Catalog database (D1). */
  DB: D1Database;
  /** Documentation sites and scaffolder workspaces. */
  DOCS: R2Bucket;
  /** Catalog ingestion queue. */
  INGEST: Queue<IngestMessage>;
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
}

/** Hono's generic parameter for apps and routes of this Worker. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    timing: import('./lib/timing').Timing;
    store: import('./catalog/store/store').CatalogStore;
    config: import('./config').Config;
  };
}
