import { mapLimit } from '../lib/pool';
import { contentTypeOf } from './content-types';
import { siteKey, sitePrefix, type DocsEntity } from './paths';
import { METADATA_FILE, NAV_FILE, type BuiltSite } from './render/site-files';
import type { SiteSource, TechDocsStore } from './store';

const PUT_CONCURRENCY = 8;

/** What a publish changed. */
export interface PublishResult {
  etag: string;
  files: number;
  removed: number;
}

/** Every key under a prefix of the bucket. */
async function listKeys(bucket: R2Bucket, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor, limit: 1000 });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys;
}

/**
 * Writes a built site to R2 as `<namespace>/<kind>/<name>/<path>` and records it: pages and
 * assets first, then the nav, then `techdocs_metadata.json` (so the metadata never lists a file
 * not yet there), then every key under the prefix that the new site does not have is deleted —
 * files of the previous build no longer produced, and leftovers of an interrupted publish.
 */
export async function publishSite(
  bucket: R2Bucket,
  store: TechDocsStore,
  entity: DocsEntity,
  site: BuiltSite,
  how: { source: SiteSource; sourceHash?: string },
): Promise<PublishResult> {
  const paths = [...site.files.keys()];
  const last = new Set([NAV_FILE, METADATA_FILE]);
  const put = (path: string) =>
    bucket.put(siteKey(entity, path), site.files.get(path)!, { httpMetadata: { contentType: contentTypeOf(path) ?? 'application/octet-stream' } });
  await mapLimit(paths.filter((p) => !last.has(p)), PUT_CONCURRENCY, put);
  await put(NAV_FILE);
  await put(METADATA_FILE);
  const wanted = new Set(paths.map((p) => siteKey(entity, p)));
  const stale = (await listKeys(bucket, sitePrefix(entity))).filter((k) => !wanted.has(k));
  for (let i = 0; i < stale.length; i += 1000) await bucket.delete(stale.slice(i, i + 1000));
  await store.recordPublished(entity, {
    source: how.source,
    siteName: site.metadata.site_name,
    siteDescription: site.metadata.site_description,
    etag: site.metadata.etag,
    sourceHash: how.sourceHash,
    builtAt: new Date(site.metadata.build_timestamp).toISOString(),
    pages: site.pages,
  });
  return { etag: site.metadata.etag, files: paths.length, removed: stale.length };
}
