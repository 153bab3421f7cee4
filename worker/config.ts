import type { Env } from './env';
import { parseCatalogRules, type CatalogRule } from './catalog/model/rules';
import { parsePolicy, type Policy } from './auth/policy';

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
  auth: AuthConfig;
}

/** Sign-in, sessions, guest mode and the permission policy. */
export interface AuthConfig {
  /** Signs sessions; unset, only requests to localhost get sessions (with a development key). */
  sessionSecret?: string;
  sessionHours: number;
  /** Whether local requests without credentials are a guest admin; requests to a deployed host never are. */
  guestMode: boolean;
  /** The OAuth client (an OAuth App's, or the GitHub App's own); absent until both parts are set. */
  github?: { clientId: string; clientSecret: string };
  /** Base of GitHub's `/authorize` and `/access_token` endpoints. */
  oauthUrl: string;
  /** Lowercased organisations whose members may sign in; empty means anyone the catalog knows. */
  allowedOrgs: string[];
  /** What happens to a GitHub user the catalog does not know. */
  unknownUsers: 'refuse' | 'minimal';
  policy: Policy;
  /** Sign-in and token-creation requests allowed per client per minute. */
  rateLimitPerMinute: number;
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
  const github = readGithubConfig(env);
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
    github,
    auth: readAuthConfig(env, github),
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

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value?.trim() && Number.isFinite(n) && n > 0 ? n : fallback;
};

function readAuthConfig(env: Env, github: GithubConfig): AuthConfig {
  const clientId = env.AUTH_GITHUB_CLIENT_ID?.trim();
  const clientSecret = env.AUTH_GITHUB_CLIENT_SECRET?.trim();
  return {
    ...(env.AUTH_SESSION_SECRET ? { sessionSecret: env.AUTH_SESSION_SECRET } : {}),
    sessionHours: positive(env.AUTH_SESSION_HOURS, 12),
    guestMode: env.AUTH_GUEST_MODE === 'true',
    ...(clientId && clientSecret ? { github: { clientId, clientSecret } } : {}),
    oauthUrl: (env.AUTH_GITHUB_OAUTH_URL?.trim() || `https://${github.host}/login/oauth`).replace(/\/+$/, ''),
    allowedOrgs: list(env.AUTH_ALLOWED_ORGS).map((o) => o.toLowerCase()),
    unknownUsers: env.AUTH_UNKNOWN_USERS === 'minimal' ? 'minimal' : 'refuse',
    policy: parsePolicy(env.AUTH_POLICY),
    rateLimitPerMinute: Math.floor(positive(env.AUTH_RATE_LIMIT_PER_MINUTE, 20)),
  };
}

/** True when a request was addressed to this machine (wrangler dev), never on a deployed host. */
export function isLocalRequest(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
