import type { Env } from '../env';
import { readConfig, type GithubConfig } from '../config';
import { backgroundIngestDeps } from '../catalog/ingest/consumer';
import type { IngestDeps } from '../catalog/ingest/runner';
import { githubClient, type GithubClient } from './client';
import type { GithubJob } from './jobs';
import { GithubStore } from './store';

/** What GitHub jobs need: configuration, the API client, the integration's state and the catalog. */
export interface GithubContext {
  config: GithubConfig;
  client: GithubClient;
  store: GithubStore;
  catalog: IngestDeps;
  queue: Queue<GithubJob>;
}

/** The context for background work (queue consumers, cron). */
export function githubContext(env: Env): GithubContext {
  const config = readConfig(env).github;
  const catalog = backgroundIngestDeps(env);
  return { config, client: githubClient(config), store: new GithubStore(catalog.store.db), catalog, queue: env.GITHUB_QUEUE };
}
