import { BACKSTAGE_API_VERSIONS, type KindDefinition } from './fields';
import { PROFILE } from './profile';

/** Group: a team, business unit or other set of users, in a hierarchy. */
export const GROUP: KindDefinition = {
  kind: 'Group',
  apiVersions: BACKSTAGE_API_VERSIONS,
  spec: {
    type: { type: 'string', required: true },
    profile: PROFILE,
    parent: { type: 'string', ref: { defaultKind: 'Group', relation: 'childOf' } },
    children: { type: 'string[]', required: true, ref: { defaultKind: 'Group', relation: 'parentOf' } },
    members: { type: 'string[]', ref: { defaultKind: 'User', relation: 'hasMember' } },
  },
};
