import type { FieldShape } from './fields';

/** The optional display profile shared by users and groups. */
export const PROFILE: FieldShape = {
  type: 'object',
  fields: {
    displayName: { type: 'string' },
    email: { type: 'string' },
    picture: { type: 'string' },
  },
};
