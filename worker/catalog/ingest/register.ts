import { hexDigest } from '../../lib/digest';
import type { Entity } from '../model/entity';
import { stringifyEntityRef } from '../model/ref';
import type { CatalogStore, LocationRecord } from '../store/store';
import { ingestTree, locationKey, type IngestDeps } from './runner';
import type { ProcessedEntity } from './types';

/** Files processed inside the registering call; larger catalogs continue on the queue. */
export const INLINE_FILES = 25;

/** The key of the Location entity generated for a registered location. */
export const bootstrapKey = (id: string) => `bootstrap:${id}`;

/** The Location entity Backstage generates for a registered location. */
export async function generatedLocationEntity(type: string, target: string): Promise<ProcessedEntity> {
  const key = locationKey(type, target);
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: `generated-${await hexDigest('SHA-1', key)}`,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': key,
        'backstage.io/managed-by-origin-location': key,
      },
    },
    spec: { type, target },
  };
  return { entity, ref: stringifyEntityRef(entity), relations: [] };
}

/**
 * Registers a location (or refreshes `existing`) and ingests its tree, the first files inline so
 * they are readable on return. The file is read first, so a wrong URL throws a ReaderError
 * instead of being stored. Returns the location and the refs written or confirmed.
 */
export async function registerLocation(
  deps: IngestDeps,
  input: { type: string; target: string },
  existing: LocationRecord | undefined,
): Promise<{ location: LocationRecord; refs: string[] }> {
  await deps.reader.read(input.target);
  const location: LocationRecord = existing ?? { id: crypto.randomUUID(), ...input };
  if (!existing) await deps.store.addLocation(location);
  const generated = await generatedLocationEntity(input.type, input.target);
  const key = locationKey(input.type, input.target);
  await deps.store.writeLocation({
    locationKey: bootstrapKey(location.id),
    originKey: key,
    output: { entities: [generated], errors: [], children: [] },
    orphanStrategy: 'delete',
  });
  const { refs } = await ingestTree(
    deps,
    { type: 'process-location', locationKey: key, originKey: key, parentKey: bootstrapKey(location.id), parentRef: generated.ref, depth: 0 },
    INLINE_FILES,
  );
  return { location, refs: [generated.ref, ...refs] };
}

/** Unregisters a location: it, every key under it and all their entities go. */
export function unregisterLocation(store: CatalogStore, location: LocationRecord): Promise<void> {
  return store.removeLocation(location, locationKey(location.type, location.target), bootstrapKey(location.id));
}
