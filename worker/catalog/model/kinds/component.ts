import { BACKSTAGE_API_VERSIONS, type KindDefinition } from './fields';

/** Component: a unit of software with a deployable or linkable artifact. */
export const COMPONENT: KindDefinition = {
  kind: 'Component',
  apiVersions: BACKSTAGE_API_VERSIONS,
  spec: {
    type: { type: 'string', required: true },
    lifecycle: { type: 'string', required: true },
    owner: { type: 'string', required: true, ref: { defaultKind: 'Group', relation: 'ownedBy' } },
    system: { type: 'string', ref: { defaultKind: 'System', relation: 'partOf' } },
    subcomponentOf: { type: 'string', ref: { defaultKind: 'Component', relation: 'partOf' } },
    providesApis: { type: 'string[]', ref: { defaultKind: 'API', relation: 'providesApi' } },
    consumesApis: { type: 'string[]', ref: { defaultKind: 'API', relation: 'consumesApi' } },
    // Backstage gives dependency refs no default kind: they may point at components or resources.
    dependsOn: { type: 'string[]', ref: { relation: 'dependsOn' } },
    dependencyOf: { type: 'string[]', ref: { relation: 'dependencyOf' } },
  },
};
