import type { Env } from '../../env';
import { readConfig, type Config } from '../../config';
import { backgroundIngestDeps } from '../../catalog/ingest/consumer';
import type { IngestDeps } from '../../catalog/ingest/runner';
import { taskSecretBox } from '../tasks/secret-box';
import { TaskStore } from '../tasks/store';

/** What running tasks needs outside a request: configuration, the task store and the catalog. */
export interface ScaffolderDeps {
  config: Config;
  tasks: TaskStore;
  catalog: IngestDeps;
}

/** The dependencies for background work (the queue consumer and the workflow). */
export function scaffolderDeps(env: Env): ScaffolderDeps {
  const catalog = backgroundIngestDeps(env);
  const config = readConfig(env);
  return { config, tasks: new TaskStore(catalog.store.db, taskSecretBox(config)), catalog };
}
