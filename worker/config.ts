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
  github: GithubConfig;
}

/** The GitHub App integration: where GitHub is, which of it to read, and the App's credentials. */
export interface GithubConfig {
  /** REST API base URL without trailing slash (`https://api.github.com`, `https://ghe.example.com/api/v3`). */
  apiUrl: string;
  /** Web host (with port when not 443) whose file URLs name catalog locations: `github.com` or a GHES host. */
  host: string;
  /** The App's id and PEM private key; absent until both are set. */
  app?: { id: string; privateKey: string };
  /** Webhook secrets accepted: the current one first, then the previous one during a rotation. */
  webhookSecrets: string[];
  /** Lowercased account logins whose installations are used; empty means every installation. */
  allowedOrgs: string[];
  /** Globs of catalog files inside a repository. */
  catalogPaths: string[];
  /** The branch catalog files are read from; undefined means each repository's default branch. */
  branch?: string;
  /** Whether teams and members become Group and User entities. */
  orgSync: boolean;
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
    github: readGithubConfig(env),
  };
  cache.set(env, config);
  return config;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

// Secrets pasted into a one-line .dev.vars entry or a CI variable often carry `\n` for newlines.
const pem = (value: string) => (value.includes('\\n') ? value.replace(/\\n/g, '\n') : value).trim();

function readGithubConfig(env: Env): GithubConfig {
  const branch = env.GITHUB_BRANCH?.trim();
  const appId = env.GITHUB_APP_ID?.trim();
  const privateKey = env.GITHUB_APP_PRIVATE_KEY?.trim();
  return {
    apiUrl: (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, ''),
    host: (env.GITHUB_HOST?.trim() || 'github.com').toLowerCase(),
    ...(appId && privateKey ? { app: { id: appId, privateKey: pem(privateKey) } } : {}),
    webhookSecrets: [env.GITHUB_WEBHOOK_SECRET, env.GITHUB_WEBHOOK_SECRET_PREVIOUS].filter((s): s is string => !!s),
    allowedOrgs: list(env.GITHUB_ALLOWED_ORGS).map((o) => o.toLowerCase()),
    catalogPaths: env.GITHUB_CATALOG_PATHS?.trim() ? list(env.GITHUB_CATALOG_PATHS).map((p) => p.replace(/^\/+/, '')) : ['catalog-info.yaml'],
    ...(branch && branch !== 'default' ? { branch } : {}),
    orgSync: env.GITHUB_ORG_SYNC !== 'false',
  };
}

/** True when a request was addressed to this machine (wrangler dev), never on a deployed host. */
export function isLocalRequest(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
