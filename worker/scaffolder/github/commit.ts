import type { GithubClient } from '../../github/client';
import { bytesToBase64 } from '../../lib/base64';
import { mapLimit } from '../../lib/pool';
import type { WorkspaceFile } from '../workspace/workspace';
import { call, repoPath, type RepoTarget } from './api';
import type { InstallationIdentity } from './installation';

const BLOB_CONCURRENCY = 5;

interface Ref {
  object: { sha: string };
}
interface Commit {
  sha: string;
  tree: { sha: string };
}

/** The commit a branch points at, or undefined when the branch does not exist. */
export async function branchHead(client: GithubClient, as: InstallationIdentity, t: RepoTarget, branch: string): Promise<Commit | undefined> {
  const ref = await call<Ref>(client, as, 'GET', `${repoPath(t)}/git/ref/heads/${encodeURIComponent(branch)}`, undefined, [404, 409]);
  if (!ref) return undefined;
  return call<Commit>(client, as, 'GET', `${repoPath(t)}/git/commits/${ref.object.sha}`);
}

/**
 * Commits files through the Git Data API (blobs, one tree, one commit) on top of `parent`.
 * With `baseTree` the files are laid over it (a pull request); without, they are the whole tree.
 * When the tree is the parent's already (a repeated step), no new commit is made.
 */
export async function commitFiles(
  client: GithubClient,
  as: InstallationIdentity,
  t: RepoTarget,
  files: WorkspaceFile[],
  opts: { parent: Commit; message: string; baseTree?: string; author?: { name: string; email: string } },
): Promise<{ sha: string; created: boolean }> {
  const blobs = await mapLimit(files, BLOB_CONCURRENCY, (f) =>
    call<{ sha: string }>(client, as, 'POST', `${repoPath(t)}/git/blobs`, { content: bytesToBase64(f.content), encoding: 'base64' }),
  );
  const tree = await call<{ sha: string }>(client, as, 'POST', `${repoPath(t)}/git/trees`, {
    ...(opts.baseTree ? { base_tree: opts.baseTree } : {}),
    tree: files.map((f, i) => ({ path: f.path, mode: f.executable ? '100755' : '100644', type: 'blob', sha: blobs[i]!.sha })),
  });
  if (tree!.sha === opts.parent.tree.sha) return { sha: opts.parent.sha, created: false };
  const commit = await call<{ sha: string }>(client, as, 'POST', `${repoPath(t)}/git/commits`, {
    message: opts.message,
    tree: tree!.sha,
    parents: [opts.parent.sha],
    ...(opts.author ? { author: { ...opts.author, date: new Date().toISOString() } } : {}),
  });
  return { sha: commit!.sha, created: true };
}

/** Points a branch at a commit, creating the branch when it does not exist. */
export async function setBranch(client: GithubClient, as: InstallationIdentity, t: RepoTarget, branch: string, sha: string): Promise<void> {
  const updated = await call(client, as, 'PATCH', `${repoPath(t)}/git/refs/heads/${encodeURIComponent(branch)}`, { sha, force: true }, [404, 422]);
  if (updated) return;
  await call(client, as, 'POST', `${repoPath(t)}/git/refs`, { ref: `refs/heads/${branch}`, sha });
}
