import type { CatalogStore } from '../store/store';
import type { WriteSummary } from '../store/write';
import type { IngestMessage } from './message';
import { processLocation } from './process';
import { ReaderError, type UrlReader } from './reader';
import type { CatalogRule } from '../model/rules';

/** What ingestion needs from the outside world. */
export interface IngestDeps {
  store: CatalogStore;
  reader: UrlReader;
  rules: CatalogRule[];
  orphanStrategy: 'keep' | 'delete';
  queue?: Queue<IngestMessage>;
}

/** Location entities may point at each other; beyond this depth targets are not followed. */
export const MAX_LOCATION_DEPTH = 10;

/** The key entities are managed by, from a location's type and target. */
export function locationKey(type: string, target: string): string {
  return `${type}:${target}`;
}

/** A read failure that may heal by itself (network, 5xx) is retried by the queue; others are recorded. */
function isTransient(err: unknown): boolean {
  return err instanceof ReaderError && err.code === 'fetch-failed';
}

/**
 * Processes one location key and writes its outcome; returns the messages for its children.
 * A file that cannot be read records the error on the key and keeps its entities as they were.
 */
export async function ingestKey(deps: IngestDeps, msg: IngestMessage): Promise<{ summary: WriteSummary; next: IngestMessage[] }> {
  const keyInfo = { locationKey: msg.locationKey, originKey: msg.originKey, parentKey: msg.parentKey, parentRef: msg.parentRef };
  let output;
  try {
    output = await processLocation({ locationKey: msg.locationKey, originKey: msg.originKey, reader: deps.reader, rules: deps.rules });
  } catch (err) {
    if (!(err instanceof ReaderError)) throw err;
    const error = { rule: `read:${err.code}`, message: isTransient(err) ? `${err.message} (will be retried)` : err.message };
    // Recorded even when it will be retried, so a location that keeps failing is never silently pending.
    await deps.store.writeLocationFailure(keyInfo, error);
    if (isTransient(err)) throw err;
    return { summary: { written: [], unchanged: [], orphaned: [], deleted: [], errors: [error], children: [], previousChildKeys: [] }, next: [] };
  }
  const summary = await deps.store.writeLocation({ ...keyInfo, output, orphanStrategy: deps.orphanStrategy });

  const children = output.children.map((c) => ({
    key: locationKey(c.type, c.target),
    originKey: msg.originKey,
    parentKey: msg.locationKey,
    ...(c.parentRef ? { parentRef: c.parentRef } : {}),
  }));
  const wanted = new Set(children.map((c) => c.key));
  await deps.store.retireKeys(summary.previousChildKeys.filter((k) => !wanted.has(k)), deps.orphanStrategy);
  if (msg.depth >= MAX_LOCATION_DEPTH) return { summary, next: [] };
  await deps.store.addChildKeys(children);
  const next = children.map(
    (c): IngestMessage => ({ type: 'process-location', locationKey: c.key, originKey: c.originKey, parentKey: c.parentKey, ...(c.parentRef ? { parentRef: c.parentRef } : {}), depth: msg.depth + 1 }),
  );
  return { summary, next };
}

/** Puts messages on the ingestion queue, in batches the Queues API accepts. */
export async function enqueue(queue: Queue<IngestMessage>, messages: IngestMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) {
    await queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body })));
  }
}

/**
 * Processes a location and its descendants breadth-first, inline up to `inlineFiles` files so
 * a small catalog is readable when the call returns; the rest goes to the queue.
 */
export async function ingestTree(
  deps: IngestDeps,
  root: IngestMessage,
  inlineFiles: number,
): Promise<{ root: WriteSummary; refs: string[]; queued: number }> {
  const first = await ingestKey(deps, root);
  const refs = [...first.summary.written, ...first.summary.unchanged];
  const seen = new Set([root.locationKey]);
  const pending = first.next.filter((m) => !seen.has(m.locationKey));
  let processed = 1;
  const overflow: IngestMessage[] = [];
  while (pending.length) {
    const msg = pending.shift()!;
    if (seen.has(msg.locationKey)) continue;
    seen.add(msg.locationKey);
    if (processed >= inlineFiles) {
      overflow.push(msg);
      continue;
    }
    processed++;
    try {
      const { summary, next } = await ingestKey(deps, msg);
      refs.push(...summary.written, ...summary.unchanged);
      pending.push(...next);
    } catch (err) {
      if (!isTransient(err)) throw err;
      overflow.push(msg);
    }
  }
  if (overflow.length) {
    if (!deps.queue) throw new Error('Ingestion queue is not configured');
    await enqueue(deps.queue, overflow);
  }
  return { root: first.summary, refs, queued: overflow.length };
}
