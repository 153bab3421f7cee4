import { readAll } from '../workspace/workspace';
import { workspacePath } from '../workspace/path';
import { call, repoPath } from '../github/api';
import { branchHead, commitFiles, setBranch } from '../github/commit';
import { repoInstallation } from '../github/installation';
import { defineAction, PermanentActionError } from './types';

interface Input {
  repoUrl: string;
  branchName: string;
  title: string;
  description: string;
  targetBranchName?: string;
  sourcePath?: string;
  targetPath?: string;
  commitMessage?: string;
  draft?: boolean;
}

interface Pull {
  number: number;
  html_url: string;
}

/** publish:github:pull-request — opens (or updates) a pull request with the workspace's files. */
export const publishGithubPullRequest = defineAction<Input>({
  id: 'publish:github:pull-request',
  description: 'Commits the workspace onto a branch of an existing repository and opens a pull request; repeating the step updates the same branch and pull request.',
  schema: {
    input: {
      type: 'object',
      required: ['repoUrl', 'branchName', 'title', 'description'],
      properties: {
        repoUrl: { type: 'string' },
        branchName: { type: 'string' },
        title: { type: 'string' },
        description: { type: 'string' },
        targetBranchName: { type: 'string', description: 'Default: the repository default branch.' },
        sourcePath: { type: 'string', description: 'Workspace folder to commit (default: all of it).' },
        targetPath: { type: 'string', description: 'Repository folder the files go to (default: the root).' },
        commitMessage: { type: 'string' },
        draft: { type: 'boolean' },
      },
    },
    output: {
      type: 'object',
      properties: { remoteUrl: { type: 'string' }, pullRequestNumber: { type: 'number' }, targetBranchName: { type: 'string' } },
    },
  },
  async handler(ctx) {
    const { input } = ctx;
    const { target, client, as } = await repoInstallation(input.repoUrl, ctx.config);
    const repo = await call<{ default_branch: string }>(client, as, 'GET', repoPath(target), undefined, [404]);
    if (!repo) throw new PermanentActionError(`Repository ${target.owner}/${target.repo} does not exist or the GitHub App cannot see it`);
    const base = input.targetBranchName ?? repo.default_branch;
    const baseHead = await branchHead(client, as, target, base);
    if (!baseHead) throw new PermanentActionError(`Branch ${base} does not exist in ${target.owner}/${target.repo}`);

    const dest = workspacePath(input.targetPath ?? '');
    const files = (await readAll(ctx.workspace, input.sourcePath ?? '')).map((f) => ({ ...f, path: workspacePath(f.path, dest) }));
    if (!files.length) throw new PermanentActionError('publish:github:pull-request: nothing to commit');
    const commit = await commitFiles(client, as, target, files, { parent: baseHead, baseTree: baseHead.tree.sha, message: input.commitMessage ?? input.title });
    await setBranch(client, as, target, input.branchName, commit.sha);

    const head = `${target.owner}:${input.branchName}`;
    const open = await call<Pull[]>(client, as, 'GET', `${repoPath(target)}/pulls?state=open&head=${encodeURIComponent(head)}&base=${encodeURIComponent(base)}`);
    let pull = open?.[0];
    if (pull) {
      await ctx.log(`Updated pull request #${pull.number}`);
    } else {
      pull = await call<Pull>(client, as, 'POST', `${repoPath(target)}/pulls`, { title: input.title, body: input.description, head: input.branchName, base, draft: input.draft ?? false });
      await ctx.log(`Opened pull request #${pull!.number}`);
    }
    ctx.output('remoteUrl', pull!.html_url);
    ctx.output('pullRequestNumber', pull!.number);
    ctx.output('targetBranchName', base);
  },
});
