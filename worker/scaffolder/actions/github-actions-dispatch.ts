import { call, repoPath } from '../github/api';
import { repoInstallation } from '../github/installation';
import { defineAction } from './types';

/** github:actions:dispatch — starts a GitHub Actions workflow (workflow_dispatch). */
export const githubActionsDispatch = defineAction<{ repoUrl: string; workflowId: string; branchOrTagName: string; workflowInputs?: Record<string, string> }>({
  id: 'github:actions:dispatch',
  description: 'Starts a GitHub Actions workflow that has a workflow_dispatch trigger.',
  schema: {
    input: {
      type: 'object',
      required: ['repoUrl', 'workflowId', 'branchOrTagName'],
      properties: {
        repoUrl: { type: 'string' },
        workflowId: { type: 'string', description: 'Workflow file name (ci.yml) or id.' },
        branchOrTagName: { type: 'string' },
        workflowInputs: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
  async handler(ctx) {
    const { target, client, as } = await repoInstallation(ctx.input.repoUrl, ctx.config);
    await call(client, as, 'POST', `${repoPath(target)}/actions/workflows/${encodeURIComponent(ctx.input.workflowId)}/dispatches`, {
      ref: ctx.input.branchOrTagName,
      ...(ctx.input.workflowInputs ? { inputs: ctx.input.workflowInputs } : {}),
    });
    await ctx.log(`Started workflow ${ctx.input.workflowId} on ${ctx.input.branchOrTagName}`);
  },
});
