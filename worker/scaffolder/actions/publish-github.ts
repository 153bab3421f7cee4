import { readAll } from '../workspace/workspace';
import { GithubApiError } from '../../github/errors';
import { call, repoPath } from '../github/api';
import { branchHead, commitFiles, setBranch } from '../github/commit';
import { repoInstallation } from '../github/installation';
import { defineAction, PermanentActionError } from './types';

interface Input {
  repoUrl: string;
  description?: string;
  repoVisibility?: 'private' | 'internal' | 'public';
  defaultBranch?: string;
  topics?: string[];
  gitCommitMessage?: string;
  gitAuthorName?: string;
  gitAuthorEmail?: string;
  sourcePath?: string;
}

interface Repo {
  html_url: string;
  default_branch: string;
}

/**
 * publish:github — creates the repository and pushes the workspace as one commit through the
 * Git Data API. Safe to repeat: a repository this task set out to create is reused (and gets no
 * second identical commit); one that someone else owns is refused.
 */
export const publishGithub = defineAction<Input>({
  id: 'publish:github',
  description: 'Creates a GitHub repository (description, topics, visibility, default branch) and pushes the workspace to it as one commit. Repeating the step reuses the repository this task created.',
  schema: {
    input: {
      type: 'object',
      required: ['repoUrl'],
      properties: {
        repoUrl: { type: 'string', description: 'RepoUrlPicker value: host?owner=…&repo=…' },
        description: { type: 'string' },
        repoVisibility: { enum: ['private', 'internal', 'public'], description: 'Default private.' },
        defaultBranch: { type: 'string', description: 'Default main.' },
        topics: { type: 'array', items: { type: 'string' } },
        gitCommitMessage: { type: 'string', description: 'Default "Initial commit".' },
        gitAuthorName: { type: 'string' },
        gitAuthorEmail: { type: 'string' },
        sourcePath: { type: 'string', description: 'Workspace folder to push (default: all of it).' },
      },
    },
    output: {
      type: 'object',
      properties: { remoteUrl: { type: 'string' }, repoContentsUrl: { type: 'string' }, commitHash: { type: 'string' } },
    },
  },
  async handler(ctx) {
    const { input } = ctx;
    const { target, client, as } = await repoInstallation(input.repoUrl, ctx.config);
    const full = `${target.owner}/${target.repo}`;

    let repo = await call<Repo>(client, as, 'GET', repoPath(target), undefined, [404]);
    if (repo) {
      const claim = await ctx.tasks.repoClaim(target.host, target.owner, target.repo);
      if (claim !== ctx.task.id) throw new PermanentActionError(`Repository ${full} already exists; choose another name`);
      await ctx.log(`Reusing ${full}, which this task created on an earlier attempt`);
    } else {
      // Claim first: if the step dies right after GitHub creates the repository, the retry knows it is ours.
      await ctx.tasks.claimRepo(ctx.task.id, target.host, target.owner, target.repo);
      const visibility = input.repoVisibility ?? 'private';
      try {
        repo = await call<Repo>(client, as, 'POST', `/orgs/${encodeURIComponent(target.owner)}/repos`, {
          name: target.repo,
          description: input.description ?? '',
          private: visibility !== 'public',
          visibility,
          // An empty repository has no commit to build on; GitHub's first commit is replaced below.
          auto_init: true,
        });
      } catch (e) {
        if (e instanceof GithubApiError && e.status === 422) throw new PermanentActionError(`GitHub refused to create ${full}: ${e.message}`);
        throw e;
      }
      await ctx.log(`Created ${repo!.html_url} (${visibility})`);
    }
    if (input.topics?.length) {
      await call(client, as, 'PUT', `${repoPath(target)}/topics`, { names: input.topics.map((t) => t.toLowerCase()) });
    }

    const branch = input.defaultBranch ?? 'main';
    const head = (await branchHead(client, as, target, branch)) ?? (await branchHead(client, as, target, repo!.default_branch));
    if (!head) throw new Error(`${full} has no commit to build on yet`);
    const files = await readAll(ctx.workspace, input.sourcePath ?? '');
    if (!files.length) throw new PermanentActionError('publish:github: the workspace is empty; fetch a skeleton first');
    const author = input.gitAuthorName && input.gitAuthorEmail ? { name: input.gitAuthorName, email: input.gitAuthorEmail } : undefined;
    const commit = await commitFiles(client, as, target, files, {
      parent: head,
      message: input.gitCommitMessage ?? 'Initial commit',
      ...(author ? { author } : {}),
    });
    await setBranch(client, as, target, branch, commit.sha);
    if (repo!.default_branch !== branch) await call(client, as, 'PATCH', repoPath(target), { default_branch: branch });
    await ctx.log(commit.created ? `Pushed ${files.length} files as ${commit.sha.slice(0, 7)} to ${branch}` : `${branch} already holds these files (${commit.sha.slice(0, 7)})`);

    ctx.output('remoteUrl', repo!.html_url);
    ctx.output('repoContentsUrl', `${repo!.html_url}/blob/${branch}`);
    ctx.output('commitHash', commit.sha);
  },
});
