import { BACKSTAGE_API_VERSIONS, type KindDefinition } from './fields';
import { PROFILE } from './profile';

/** User: a person, member of groups. */
export const USER: KindDefinition = {
  kind: 'User',
  apiVersions: BACKSTAGE_API_VERSIONS,
  spec: {
    profile: PROFILE,
    memberOf: { type: 'string[]', required: true, ref: { defaultKind: 'Group', relation: 'memberOf' } },
  },
};
