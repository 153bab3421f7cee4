/** A link in `metadata.links`. */
export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

/** `metadata` of a Backstage entity. */
export interface EntityMeta {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  uid?: string;
  etag?: string;
  [key: string]: unknown;
}

/** One edge from an entity to another; `targetRef` is `kind:namespace/name`, lowercased. */
export interface EntityRelation {
  type: string;
  targetRef: string;
}

/** A processing problem attached to an entity (`status.items`). */
export interface EntityStatusItem {
  type: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  error?: { name: string; message: string };
}

/** A Backstage entity as the catalog API returns it (possibly trimmed by `fields=`). */
export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: Record<string, unknown>;
  relations?: EntityRelation[];
  status?: { items?: EntityStatusItem[] };
}

/** Response of `GET /entities/by-query`. */
export interface QueryEntitiesResponse {
  items: Entity[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

/** One value of a facet with the number of entities that have it. */
export interface FacetCount {
  value: string;
  count: number;
}

/** Response of `GET /entity-facets`. */
export interface FacetsResponse {
  facets: Record<string, FacetCount[]>;
}

/** The error body every catalog endpoint returns. */
export interface ErrorResponseBody {
  error: { name: string; message: string };
  request?: { method: string; url: string };
  response: { statusCode: number };
}
