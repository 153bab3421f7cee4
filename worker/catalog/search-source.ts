import { sql } from 'drizzle-orm';
import type { SearchSource } from '../search/source';
import { HIGHLIGHT } from '../search/source';
import { readableMatches } from '../search/fts';

interface Hit {
  kind: string;
  namespace: string;
  name: string;
  body: string;
  h_name: string;
  h_title: string;
  h_description: string;
  rank: number;
}

/** Catalog entities as search results (`software-catalog`), ranked by FTS5's bm25. */
export const catalogSearchSource: SearchSource = {
  type: 'software-catalog',
  async query(c, { term, offset, limit }) {
    const { preTag, postTag } = HIGHLIGHT;
    const { hits, total } = await readableMatches<Hit>(c, term, (match, readable) => [
      sql`SELECT e.kind, e.namespace, e.name, e.body,
            highlight(entities_fts, 0, ${preTag}, ${postTag}) AS h_name,
            highlight(entities_fts, 1, ${preTag}, ${postTag}) AS h_title,
            highlight(entities_fts, 2, ${preTag}, ${postTag}) AS h_description,
            bm25(entities_fts) AS rank
          FROM entities_fts JOIN entities e ON e.id = entities_fts.rowid
          WHERE entities_fts MATCH ${match} AND ${readable} ORDER BY rank LIMIT ${limit} OFFSET ${offset}`,
      sql`SELECT count(*) AS n FROM entities_fts JOIN entities e ON e.id = entities_fts.rowid WHERE entities_fts MATCH ${match} AND ${readable}`,
    ]);
    const results = hits.map((h) => {
      const entity = JSON.parse(h.body) as { kind: string; metadata: { name: string; namespace?: string; title?: string; description?: string }; spec?: Record<string, unknown> };
      const m = entity.metadata;
      const ns = m.namespace ?? 'default';
      return {
        type: 'software-catalog',
        document: {
          title: m.title ?? m.name,
          text: m.description ?? '',
          location: `/catalog/${ns}/${entity.kind.toLowerCase()}/${m.name}`,
          kind: entity.kind,
          namespace: ns,
          name: m.name,
          componentType: typeof entity.spec?.type === 'string' ? entity.spec.type : '',
          lifecycle: typeof entity.spec?.lifecycle === 'string' ? entity.spec.lifecycle : '',
          owner: typeof entity.spec?.owner === 'string' ? entity.spec.owner : '',
        },
        highlight: {
          preTag,
          postTag,
          fields: { title: m.title ? h.h_title : h.h_name, text: h.h_description },
        },
        rank: h.rank,
      };
    });
    return { results, total };
  },
};
