import type { AnalyzeLocationResponse, Entity } from '../../api/types';

/** What an analysis means for the person registering: what would be added and whether they can go on. */
export interface ImportPreview {
  target: string;
  /** Entities the location describes, with whether each is in the catalog already. */
  entities: { entity: Entity; isRegistered: boolean }[];
  problems: { message: string; where?: string }[];
  /** True when the location has no descriptor at all (the analysis only suggested one). */
  missingDescriptor: boolean;
  canRegister: boolean;
}

/** Turns an `analyze-location` answer into what the import page shows. */
export function previewOf(input: string, answer: AnalyzeLocationResponse): ImportPreview {
  const entities = answer.existingEntityFiles.map((f) => ({ entity: f.entity, isRegistered: f.isRegistered }));
  const target = answer.existingEntityFiles[0]?.location.target ?? input;
  const problems = (answer.errors ?? []).map((e) => ({
    message: e.message,
    where: e.ref ?? (e.docIndex !== undefined ? `document ${e.docIndex + 1}` : undefined),
  }));
  const missingDescriptor = entities.length === 0 && answer.generateEntities.length > 0;
  return { target, entities, problems, missingDescriptor, canRegister: entities.some((e) => !e.isRegistered) };
}

/** The entity to open once registered: the first one that is not a Location (those only point elsewhere). */
export function landingEntity(preview: ImportPreview): Entity | undefined {
  const candidates = preview.entities.filter((e) => e.entity.kind.toLowerCase() !== 'location');
  return (candidates.find((e) => !e.isRegistered) ?? candidates[0])?.entity;
}
