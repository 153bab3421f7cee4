/** A link in `metadata.links`. */
export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

/** `metadata` of a Backstage entity; unknown keys are kept as they are. */
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

/** One edge from an entity to another, as Backstage prints it. */
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

/** A Backstage entity: the descriptor envelope plus what the catalog adds. */
export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: Record<string, unknown>;
  relations?: EntityRelation[];
  status?: { items?: EntityStatusItem[] };
}

/** The three parts that identify an entity. */
export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** The nine kinds the catalog knows. */
export const KNOWN_KINDS = [
  'Component',
  'API',
  'Resource',
  'System',
  'Domain',
  'Group',
  'User',
  'Location',
  'Template',
] as const;

export type KnownKind = (typeof KNOWN_KINDS)[number];

export const DEFAULT_NAMESPACE = 'default';

/** Well-known annotation keys. */
export const ANNOTATION = {
  managedByLocation: 'backstage.io/managed-by-location',
  managedByOriginLocation: 'backstage.io/managed-by-origin-location',
  orphan: 'backstage.io/orphan',
  sourceLocation: 'backstage.io/source-location',
  viewUrl: 'backstage.io/view-url',
  editUrl: 'backstage.io/edit-url',
  techdocsRef: 'backstage.io/techdocs-ref',
  projectSlug: 'github.com/project-slug',
  teamSlug: 'github.com/team-slug',
  userLogin: 'github.com/user-login',
} as const;

/** The `status.items[].type` Backstage uses for processing errors. */
export const PROCESSING_STATUS_TYPE = 'backstage.io/catalog-processing';
