import type { Env } from './env';
import { parseCatalogRules, type CatalogRule } from './catalog/model/rules';

/** Everything the Worker reads from vars and secrets, parsed once. */
export interface Config {
  catalog: {
    allowedHosts: string[];
    rules: CatalogRule[];
    orphanStrategy: 'keep' | 'delete';
    /** Whether the admin enabled localhost locations; requests from a non-local host never get it. */
    allowLocalUrls: boolean;
  };
  cursorSecret: string;
  libsql?: { url: string; authToken?: string };
}

const DEV_CURSOR_SECRET = 'greenroom-dev-cursor-secret';

const cache = new WeakMap<object, Config>();

/** The one place that reads configuration from the environment. */
export function readConfig(env: Env): Config {
  const hit = cache.get(env);
  if (hit) return hit;
  const config: Config = {
    catalog: {
      allowedHosts: (env.CATALOG_ALLOWED_HOSTS ?? 'github.com,raw.githubusercontent.com')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      rules: parseCatalogRules(env.CATALOG_RULES),
      orphanStrategy: env.CATALOG_ORPHAN_STRATEGY === 'delete' ? 'delete' : 'keep',
      allowLocalUrls: env.CATALOG_ALLOW_LOCAL_URLS === 'true',
    },
    cursorSecret: env.CURSOR_SECRET || DEV_CURSOR_SECRET,
    ...(env.LIBSQL_URL ? { libsql: { url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN } } : {}),
  };
  cache.set(env, config);
  return config;
}

/** True when a request was addressed to this machine (wrangler dev), never on a deployed host. */
export function isLocalRequest(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
