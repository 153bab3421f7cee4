import type { Entity } from '../model/entity';
import type { RelationRow } from '../model/relations';

/** Why one document of a location could not become an entity. */
export interface DocumentError {
  /** Index of the YAML document within its file (0-based), when known. */
  docIndex?: number;
  /** The entity ref, when the document got far enough to have one. */
  ref?: string;
  /** Machine-readable rule, e.g. `yaml`, `unknown-kind`, `policy:field-format:metadata.name`. */
  rule: string;
  /** Human-readable message. */
  message: string;
}

/** A validated entity ready to be written, with the relations it emits (both directions). */
export interface ProcessedEntity {
  entity: Entity;
  /** Lowercased `kind:namespace/name`. */
  ref: string;
  relations: RelationRow[];
  /** Index of the YAML document it came from within its file (0-based). */
  docIndex?: number;
}

/** A Location entity's target found while processing, to be processed as its own location key. */
export interface ChildLocation {
  type: string;
  /** Absolute URL. */
  target: string;
  /** Ref of the Location entity that points here. */
  parentRef?: string;
}

/** What processing one location key yields. */
export interface LocationOutput {
  entities: ProcessedEntity[];
  errors: DocumentError[];
  children: ChildLocation[];
}
