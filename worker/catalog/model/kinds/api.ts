import { BACKSTAGE_API_VERSIONS, type KindDefinition } from './fields';

/** API: an interface exposed by components, with its definition inline. */
export const API: KindDefinition = {
  kind: 'API',
  apiVersions: BACKSTAGE_API_VERSIONS,
  spec: {
    type: { type: 'string', required: true },
    lifecycle: { type: 'string', required: true },
    owner: { type: 'string', required: true, ref: { defaultKind: 'Group', relation: 'ownedBy' } },
    definition: { type: 'string', required: true },
    system: { type: 'string', ref: { defaultKind: 'System', relation: 'partOf' } },
  },
};
