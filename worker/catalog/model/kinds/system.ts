import { BACKSTAGE_API_VERSIONS, type KindDefinition } from './fields';

/** System: a collection of components, APIs and resources exposed as one. */
export const SYSTEM: KindDefinition = {
  kind: 'System',
  apiVersions: BACKSTAGE_API_VERSIONS,
  spec: {
    owner: { type: 'string', required: true, ref: { defaultKind: 'Group', relation: 'ownedBy' } },
    domain: { type: 'string', ref: { defaultKind: 'Domain', relation: 'partOf' } },
  },
};
