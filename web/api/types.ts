// The entity model is shared with the Worker, so both sides agree on one definition.
import type { Entity } from '../../worker/catalog/model/entity';

export type { Entity, EntityLink, EntityMeta, EntityRelation, EntityStatusItem } from '../../worker/catalog/model/entity';

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

/** One problem found while reading a location, as `analyze-location` reports it. */
export interface LocationProblem {
  rule?: string;
  message: string;
  ref?: string;
  docIndex?: number;
}

/** Response of `POST /analyze-location`. */
export interface AnalyzeLocationResponse {
  existingEntityFiles: { entity: Entity; isRegistered: boolean; location: { type: string; target: string } }[];
  errors?: LocationProblem[];
  generateEntities: { entity: Entity; fields: { field: string; state: string; description: string; value: unknown }[] }[];
}
