import type { KindDefinition } from './fields';

const CONDITION = { type: 'string|boolean' } as const;

/** Template (scaffolder v1beta3): form parameters, steps to run and outputs to show. */
export const TEMPLATE: KindDefinition = {
  kind: 'Template',
  apiVersions: ['scaffolder.backstage.io/v1beta3'],
  spec: {
    type: { type: 'string', required: true },
    owner: { type: 'string', ref: { defaultKind: 'Group', relation: 'ownedBy' } },
    lifecycle: { type: 'string' },
    parameters: { type: 'object|object[]' },
    steps: {
      type: 'object[]',
      required: true,
      fields: {
        id: { type: 'string', allowEmpty: true },
        name: { type: 'string', allowEmpty: true },
        action: { type: 'string', allowEmpty: true, required: true },
        input: { type: 'object' },
        if: CONDITION,
      },
    },
    output: {
      type: 'object',
      fields: {
        links: {
          type: 'object[]',
          fields: {
            if: CONDITION,
            url: { type: 'string' },
            entityRef: { type: 'string' },
            title: { type: 'string' },
            icon: { type: 'string' },
          },
        },
        text: {
          type: 'object[]',
          fields: {
            if: CONDITION,
            title: { type: 'string' },
            icon: { type: 'string' },
            content: { type: 'string', allowEmpty: true },
          },
        },
      },
      additional: { type: 'string', allowEmpty: true },
    },
  },
};
