import { describe, expect, it } from 'vitest';
import { readConfig } from '../../worker/config';
import type { Env } from '../../worker/env';

const github = (vars: Record<string, string>) => readConfig(vars as unknown as Env).github;

describe('GitHub configuration', () => {
  it('defaults to github.com, its API, catalog-info.yaml at the root and each default branch', () => {
    expect(github({})).toEqual({
      apiUrl: 'https://api.github.com',
      host: 'github.com',
      webhookSecrets: [],
      allowedOrgs: [],
      catalogPaths: ['catalog-info.yaml'],
      orgSync: true,
    });
  });

  it('reads GitHub Enterprise Server settings, the App, both webhook secrets and the policies', () => {
    expect(
      github({
        GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
        GITHUB_HOST: 'GHE.example.com',
        GITHUB_APP_ID: ' 12 ',
        GITHUB_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\\nAAAA\\n-----END RSA PRIVATE KEY-----',
        GITHUB_WEBHOOK_SECRET: 'new',
        GITHUB_WEBHOOK_SECRET_PREVIOUS: 'old',
        GITHUB_ALLOWED_ORGS: 'Acme, globex',
        GITHUB_CATALOG_PATHS: '/catalog-info.yaml, services/*/catalog-info.yaml',
        GITHUB_BRANCH: 'main',
        GITHUB_ORG_SYNC: 'false',
      }),
    ).toEqual({
      apiUrl: 'https://ghe.example.com/api/v3',
      host: 'ghe.example.com',
      app: { id: '12', privateKey: '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----' },
      webhookSecrets: ['new', 'old'],
      allowedOrgs: ['acme', 'globex'],
      catalogPaths: ['catalog-info.yaml', 'services/*/catalog-info.yaml'],
      branch: 'main',
      orgSync: false,
    });
  });

  it('needs both the App id and key, and reads "default" as each default branch', () => {
    expect(github({ GITHUB_APP_ID: '12', GITHUB_BRANCH: 'default' })).not.toHaveProperty('app');
    expect(github({ GITHUB_BRANCH: 'default' })).not.toHaveProperty('branch');
  });
});
