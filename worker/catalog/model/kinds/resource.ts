import { BACKSTAGE_API_VERSIONS, type KindDefinition } from './fields';

/** Resource: infrastructure a system needs to operate (databases, buckets, clusters). */
export const RESOURCE: KindDefinition = {
  kind: 'Resource',
  apiVersions: BACKSTAGE_API_VERSIONS,
  spec: {
    type: { type: 'string', required: true },
    owner: { type: 'string', required: true, ref: { defaultKind: 'Group', relation: 'ownedBy' } },
    dependsOn: { type: 'string[]', ref: { relation: 'dependsOn' } },
    dependencyOf: { type: 'string[]', ref: { relation: 'dependencyOf' } },
    system: { type: 'string', ref: { defaultKind: 'System', relation: 'partOf' } },
  },
};
