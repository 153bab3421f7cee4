import { sql } from 'drizzle-orm';
import type { SearchSource } from '../search/source';
import { HIGHLIGHT } from '../search/source';
import { readableMatches } from '../search/fts';

interface Hit {
  entity_ref: string;
  path: string;
  title: string;
  namespace: string;
  kind: string;
  name: string;
  entity_title: string | null;
  h_title: string;
  h_text: string;
  rank: number;
}

// Words of context either side of the first match in a page's text.
const SNIPPET_TOKENS = 24;

/** Documentation pages as search results (`techdocs`), one per page, ranked by FTS5's bm25. */
export const techdocsSearchSource: SearchSource = {
  type: 'techdocs',
  async query(c, { term, offset, limit }) {
    const { preTag, postTag } = HIGHLIGHT;
    // Pages of entities the reader may not read are neither found nor counted.
    const { hits, total } = await readableMatches<Hit>(c, term, (match, readable) => [
      sql`SELECT p.entity_ref, p.path, p.title, e.namespace, e.kind, e.name, json_extract(e.body, '$.metadata.title') AS entity_title,
            highlight(techdocs_pages_fts, 0, ${preTag}, ${postTag}) AS h_title,
            snippet(techdocs_pages_fts, 1, ${preTag}, ${postTag}, '…', ${SNIPPET_TOKENS}) AS h_text,
            bm25(techdocs_pages_fts, 5.0, 1.0) AS rank
          FROM techdocs_pages_fts JOIN techdocs_pages p ON p.id = techdocs_pages_fts.rowid JOIN entities e ON e.ref = p.entity_ref
          WHERE techdocs_pages_fts MATCH ${match} AND ${readable} ORDER BY rank LIMIT ${limit} OFFSET ${offset}`,
      sql`SELECT count(*) AS n FROM techdocs_pages_fts JOIN techdocs_pages p ON p.id = techdocs_pages_fts.rowid JOIN entities e ON e.ref = p.entity_ref
          WHERE techdocs_pages_fts MATCH ${match} AND ${readable}`,
    ]);
    const results = hits.map((h) => {
      const text = h.h_text.split(preTag).join('').split(postTag).join('');
      return {
        type: 'techdocs',
        document: {
          title: h.title,
          text,
          location: `/docs/${h.namespace.toLowerCase()}/${h.kind.toLowerCase()}/${h.name.toLowerCase()}/${h.path}`,
          namespace: h.namespace.toLowerCase(),
          kind: h.kind.toLowerCase(),
          name: h.name.toLowerCase(),
          entityTitle: h.entity_title ?? h.name,
          path: h.path,
        },
        highlight: { preTag, postTag, fields: { title: h.h_title, text: h.h_text } },
        rank: h.rank,
      };
    });
    return { results, total };
  },
};
