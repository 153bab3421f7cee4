import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { EntityFilter } from '../catalog/query/filter';
import { filterSql } from '../catalog/store/sql';
import { chunkJson } from '../catalog/store/write';
import { docsEntityRef, type DocsEntity } from './paths';
import type { SearchPage } from './render/site-files';

/** How the served site got there. */
export type SiteSource = 'github' | 'upload';

/** The state of an entity's documentation (contract: GET /api/techdocs/status/…). */
export interface SiteRecord {
  entityRef: string;
  state: 'ok' | 'building' | 'error';
  source: SiteSource | null;
  siteName: string | null;
  siteDescription: string | null;
  etag: string | null;
  sourceHash: string | null;
  builtAt: string | null;
  error: string | null;
  errorAt: string | null;
  lastAttemptAt: string | null;
}

interface SiteRow {
  entity_ref: string;
  state: SiteRecord['state'];
  source: SiteSource | null;
  site_name: string | null;
  site_description: string | null;
  etag: string | null;
  source_hash: string | null;
  built_at: string | null;
  error: string | null;
  error_at: string | null;
  last_attempt_at: string | null;
}

const toRecord = (r: SiteRow): SiteRecord => ({
  entityRef: r.entity_ref,
  state: r.state,
  source: r.source,
  siteName: r.site_name,
  siteDescription: r.site_description,
  etag: r.etag,
  sourceHash: r.source_hash,
  builtAt: r.built_at,
  error: r.error,
  errorAt: r.error_at,
  lastAttemptAt: r.last_attempt_at,
});

// Search needs the words of a page, not all of a very long one.
const MAX_PAGE_TEXT = 20_000;

/** A successful publish as recorded. */
export interface PublishRecord {
  source: SiteSource;
  siteName: string;
  siteDescription?: string;
  etag: string;
  sourceHash?: string;
  builtAt: string;
  pages: SearchPage[];
}

/** Build state and page text of documentation sites, in D1 (or libSQL). */
export class TechDocsStore {
  constructor(private readonly db: Database) {}

  /** The record of an entity's site, if it ever had one or tried. */
  async site(entity: DocsEntity): Promise<SiteRecord | undefined> {
    const [row] = await this.db.all<SiteRow>(sql`SELECT * FROM techdocs_sites WHERE entity_ref = ${docsEntityRef(entity)}`);
    return row && toRecord(row);
  }

  private upsertState(entity: DocsEntity, state: SiteRecord['state'], at: string, error: string | null) {
    return sql`INSERT INTO techdocs_sites (entity_ref, namespace, kind, name, state, error, error_at, last_attempt_at)
      VALUES (${docsEntityRef(entity)}, ${entity.namespace}, ${entity.kind}, ${entity.name}, ${state}, ${error}, ${error ? at : null}, ${at})
      ON CONFLICT (entity_ref) DO UPDATE SET state = excluded.state, error = excluded.error, error_at = excluded.error_at, last_attempt_at = excluded.last_attempt_at`;
  }

  /** Marks a build as under way (the served site, if any, is untouched). */
  async markBuilding(entity: DocsEntity, at: string): Promise<void> {
    await this.db.writeBatch([this.upsertState(entity, 'building', at, null)]);
  }

  /** Records a failed build; the site served before, its etag and build time stay as they were. */
  async recordFailure(entity: DocsEntity, message: string, at: string): Promise<void> {
    await this.db.writeBatch([this.upsertState(entity, 'error', at, message.slice(0, 4000))]);
  }

  /** Records a site written to storage, and replaces its pages in the search index, in one transaction. */
  async recordPublished(entity: DocsEntity, p: PublishRecord): Promise<void> {
    const ref = docsEntityRef(entity);
    await this.db.writeBatch([
      sql`INSERT INTO techdocs_sites (entity_ref, namespace, kind, name, site_name, site_description, source, etag, source_hash, built_at, state, error, error_at, last_attempt_at)
        VALUES (${ref}, ${entity.namespace}, ${entity.kind}, ${entity.name}, ${p.siteName}, ${p.siteDescription ?? null}, ${p.source}, ${p.etag}, ${p.sourceHash ?? null}, ${p.builtAt}, 'ok', NULL, NULL, ${p.builtAt})
        ON CONFLICT (entity_ref) DO UPDATE SET site_name = excluded.site_name, site_description = excluded.site_description, source = excluded.source,
          etag = excluded.etag, source_hash = excluded.source_hash, built_at = excluded.built_at, state = 'ok', error = NULL, error_at = NULL, last_attempt_at = excluded.last_attempt_at`,
      sql`DELETE FROM techdocs_pages WHERE entity_ref = ${ref}`,
      // Pages go in chunks through json_each, not one statement each: a site has up to thousands.
      ...chunkJson(p.pages.map((page) => [page.path, page.title.slice(0, 500), page.text.slice(0, MAX_PAGE_TEXT)])).map(
        (chunk) => sql`INSERT INTO techdocs_pages (entity_ref, path, title, text) SELECT ${ref}, j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(${chunk}) j`,
      ),
    ]);
  }

  /** Sites of entities the reader may read, with the entity's title and owner, for the docs index. */
  async listSites(readScope: EntityFilter | undefined): Promise<(SiteRecord & { namespace: string; kind: string; name: string; body: string })[]> {
    const rows = await this.db.all<SiteRow & { namespace: string; kind: string; name: string; body: string }>(sql`
      SELECT s.*, e.body FROM techdocs_sites s JOIN entities e ON e.ref = s.entity_ref
      WHERE s.built_at IS NOT NULL AND ${filterSql(readScope)} ORDER BY s.entity_ref`);
    return rows.map((r) => ({ ...toRecord(r), namespace: r.namespace, kind: r.kind, name: r.name, body: r.body }));
  }
}
