import type { CompoundEntityRef } from '../lib/entityRef';
import { getJson, sendJson } from './http';

/** One starred entity: its ref (lowercase, as the catalog compares refs) and when it was starred. */
export interface StarredEntity {
  entityRef: string;
  starredAt: string;
}

const path = (ref: CompoundEntityRef) => `/api/settings/starred/${[ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/')}`;

/** Typed client for `/api/settings`: the signed-in user's own settings. */
export const settingsApi = {
  /** The user's starred entities, newest first. */
  starred: () => getJson<{ items: StarredEntity[] }>('/api/settings/starred').then((r) => r.items),

  /** Stars an entity (starring it again changes nothing). */
  star: (ref: CompoundEntityRef) => sendJson('PUT', path(ref)),

  /** Removes a star. */
  unstar: (ref: CompoundEntityRef) => sendJson('DELETE', path(ref)),
};
