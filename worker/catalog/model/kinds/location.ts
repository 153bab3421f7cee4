import { BACKSTAGE_API_VERSIONS, type KindDefinition } from './fields';

/** Location: a pointer to more descriptor files, relative to the file it is in. */
export const LOCATION: KindDefinition = {
  kind: 'Location',
  apiVersions: BACKSTAGE_API_VERSIONS,
  spec: {
    type: { type: 'string' },
    target: { type: 'string' },
    targets: { type: 'string[]' },
    presence: { type: 'string', enum: ['required', 'optional'] },
  },
};
