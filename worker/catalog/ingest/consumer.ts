import type { Env } from '../../env';
import { readConfig } from '../../config';
import { openDatabase } from '../../db/client';
import { CatalogStore } from '../store/store';
import { catalogReader } from './catalog-reader';
import type { IngestMessage } from './message';
import { enqueue, ingestKey, type IngestDeps } from './runner';

/** Builds ingestion dependencies outside a request (queue, cron): config decides localhost access. */
export function backgroundIngestDeps(env: Env): IngestDeps {
  const config = readConfig(env);
  return {
    store: new CatalogStore(openDatabase(env, config)),
    reader: catalogReader(config, { allowLocalUrls: config.catalog.allowLocalUrls }),
    rules: config.catalog.rules,
    orphanStrategy: config.catalog.orphanStrategy,
    queue: env.INGEST,
  };
}

/**
 * Consumes the ingestion queue. Messages run one after another so two files of one batch never
 * race for the same entity; a failure retries that message alone, with backoff.
 */
export async function consumeIngest(batch: MessageBatch<IngestMessage>, env: Env): Promise<void> {
  const deps = backgroundIngestDeps(env);
  for (const msg of batch.messages) {
    try {
      const { next } = await ingestKey(deps, msg.body);
      await enqueue(env.INGEST, next);
      msg.ack();
    } catch (err) {
      console.error(`ingest ${msg.body.locationKey} failed (attempt ${msg.attempts}):`, err);
      msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) });
    }
  }
}
