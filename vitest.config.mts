import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';

const migrations = await readD1Migrations('./migrations');

// The GitHub App as the Worker sees it in tests: a throwaway PKCS#1 key, two webhook secrets (a
// rotation under way) and a GitHub Enterprise-style API base and web host, answered by the
// stand-in in test/workers/github-support.ts. Set here so a developer's .dev.vars never leaks in.
const github = {
  GITHUB_APP_ID: '4242',
  GITHUB_APP_PRIVATE_KEY: readFileSync('./test/fixtures/github-app/private-key.pem', 'utf8'),
  GITHUB_WEBHOOK_SECRET: 'test-webhook-secret',
  GITHUB_WEBHOOK_SECRET_PREVIOUS: 'test-webhook-secret-before-rotation',
  GITHUB_API_URL: 'https://ghe.test/api/v3',
  GITHUB_HOST: 'ghe.test',
  GITHUB_ALLOWED_ORGS: '',
  GITHUB_CATALOG_PATHS: 'catalog-info.yaml,services/*/catalog-info.yaml',
  GITHUB_BRANCH: 'default',
  GITHUB_ORG_SYNC: 'true',
};

// Sign-in as the Worker sees it in tests: requests to localhost are the guest admin (as under
// `npm start`), so tests of other features need no credentials; GitHub's OAuth endpoints are the
// same stand-in host; roles come from GitHub org/team membership (test/workers/auth-*.test.ts).
const auth = {
  AUTH_GUEST_MODE: 'true',
  AUTH_SESSION_SECRET: 'test-session-secret',
  AUTH_GITHUB_CLIENT_ID: 'test-client-id',
  AUTH_GITHUB_CLIENT_SECRET: 'test-client-secret',
  AUTH_GITHUB_OAUTH_URL: 'https://ghe.test/login/oauth',
  AUTH_POLICY: JSON.stringify({ roles: { viewer: ['*'], member: ['github-org:acme'], admin: ['github-team:acme/platform'] } }),
  AUTH_RATE_LIMIT_PER_MINUTE: '1000',
};

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                TEST_GITHUB_PUBLIC_KEY: readFileSync('./test/fixtures/github-app/public-key.pem', 'utf8'),
                CATALOG_ALLOW_LOCAL_URLS: 'true',
                ...github,
                ...auth,
              },
            },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          setupFiles: ['./test/workers/setup.ts'],
        },
      },
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // A real browser on a busy 2-core machine: waiting for the page is not what is tested.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
