import { BACKSTAGE_API_VERSIONS, type KindDefinition } from './fields';

/** Domain: systems sharing a bounded context, possibly inside a larger domain. */
export const DOMAIN: KindDefinition = {
  kind: 'Domain',
  apiVersions: BACKSTAGE_API_VERSIONS,
  spec: {
    owner: { type: 'string', required: true, ref: { defaultKind: 'Group', relation: 'ownedBy' } },
    subdomainOf: { type: 'string', ref: { defaultKind: 'Domain', relation: 'partOf' } },
    type: { type: 'string' },
  },
};
