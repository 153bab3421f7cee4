// The write side of the GitHub stand-in, for the scaffolder: creating repositories (org repos,
// topics, default branch), the Git Data API (blobs, trees, commits, refs), pull requests and
// workflow dispatches. State lives beside the stand-in's repositories, whose branch files it
// keeps in step, so the read side (trees, contents) sees every push.
// Plain TypeScript without runtime-only syntax, so Node runs it directly.

import type { GithubStandin, StandinInstallation, StandinRepo } from './github-standin';

type GitObject =
  | { type: 'blob'; content: string }
  | { type: 'tree'; entries: Map<string, string> }
  | { type: 'commit'; tree: string; parents: string[]; message: string };

/** A pull request the stand-in holds. */
export interface StandinPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  draft: boolean;
}

/** What the write side remembers per stand-in (tests read it to assert what was done). */
export interface GitState {
  objects: Map<string, GitObject>;
  /** Repository id → branch → commit sha. */
  heads: Map<number, Map<string, string>>;
  topics: Map<number, string[]>;
  descriptions: Map<number, string>;
  pulls: Map<number, StandinPull[]>;
  dispatches: { repo: string; workflow: string; ref: string; inputs: Record<string, string> }[];
  /** Full names of the repositories created through the API, in order (one entry per creation). */
  created: string[];
}

const states = new WeakMap<GithubStandin, GitState>();

/** The write-side state of a stand-in. */
export function gitState(standin: GithubStandin): GitState {
  let s = states.get(standin);
  if (!s) {
    s = { objects: new Map(), heads: new Map(), topics: new Map(), descriptions: new Map(), pulls: new Map(), dispatches: [], created: [] };
    states.set(standin, s);
  }
  return s;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
const notFound = () => json({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, 404);
const unprocessable = (message: string) => json({ message, documentation_url: 'https://docs.github.com/rest' }, 422);

async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function decodeBase64(b64: string): string {
  const bin = atob(b64.replace(/\s/g, ''));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

async function putObject(s: GitState, obj: GitObject): Promise<string> {
  const key =
    obj.type === 'blob' ? `blob\n${obj.content}` : obj.type === 'tree' ? `tree\n${JSON.stringify([...obj.entries].sort())}` : `commit\n${obj.tree}\n${obj.parents.join(',')}\n${obj.message}\n${s.objects.size}`;
  const sha = await sha1(key);
  s.objects.set(sha, obj);
  return sha;
}

async function treeOfFiles(s: GitState, files: Map<string, string>): Promise<string> {
  const entries = new Map<string, string>();
  for (const [path, content] of files) entries.set(path, await putObject(s, { type: 'blob', content }));
  return putObject(s, { type: 'tree', entries });
}

/** The commit a branch points at; branches made with addRepo get a synthetic root commit. */
async function headOf(standin: GithubStandin, s: GitState, repo: StandinRepo, branch: string): Promise<string | undefined> {
  const heads = s.heads.get(repo.id) ?? new Map<string, string>();
  s.heads.set(repo.id, heads);
  const known = heads.get(branch);
  if (known) return known;
  const files = repo.branches.get(branch);
  if (!files || files.size === 0) return undefined;
  const sha = await putObject(s, { type: 'commit', tree: await treeOfFiles(s, files), parents: [], message: 'Initial commit' });
  heads.set(branch, sha);
  return sha;
}

function setHead(standin: GithubStandin, s: GitState, repo: StandinRepo, branch: string, commitSha: string): void {
  const commit = s.objects.get(commitSha);
  if (commit?.type !== 'commit') return;
  const tree = s.objects.get(commit.tree);
  if (tree?.type !== 'tree') return;
  s.heads.get(repo.id)!.set(branch, commitSha);
  const files = standin.files(repo, branch);
  files.clear();
  for (const [path, blob] of tree.entries) {
    const b = s.objects.get(blob);
    if (b?.type === 'blob') files.set(path, b.content);
  }
}

const visible = (inst: StandinInstallation, repo: StandinRepo) => inst.account.id === repo.owner.id && (inst.repositories === 'all' || inst.repositories.has(repo.id));

/** Turns on the write side of a stand-in; returns its state for assertions. */
export function enableGitWrites(standin: GithubStandin): GitState {
  standin.writeRoutes = (inst, request, url, parts) => gitRoute(standin, inst, request, url, parts);
  return gitState(standin);
}

/**
 * Answers the write routes (and the reads they need) for an installation token, or returns
 * undefined for anything else so the read side answers it.
 */
async function gitRoute(standin: GithubStandin, inst: StandinInstallation, request: Request, url: URL, parts: string[]): Promise<Response | undefined> {
  const s = gitState(standin);
  const method = request.method;
  const [a, b, c, d, e, ...rest] = parts;
  const body = async () => (await request.json()) as Record<string, unknown>;

  if (a === 'orgs' && c === 'repos' && d === undefined && method === 'POST') {
    if (inst.account.login.toLowerCase() !== (b ?? '').toLowerCase()) return notFound();
    const input = await body();
    const name = String(input.name ?? '');
    if (!/^[\w.-]+$/.test(name)) return unprocessable('Repository creation failed: name is invalid');
    if (standin.repoByName(b ?? '', name)) return unprocessable('Repository creation failed: name already exists on this account');
    const repo = standin.addRepo(inst.account, name, input.auto_init ? { 'README.md': `# ${name}\n` } : {});
    repo.private = input.private === true || input.visibility === 'private' || input.visibility === 'internal';
    if (!input.auto_init) repo.branches.clear();
    if (typeof input.description === 'string') s.descriptions.set(repo.id, input.description);
    s.created.push(`${inst.account.login}/${name}`);
    return json(standin.repoJson(repo), 201);
  }

  if (a !== 'repos') return undefined;
  const repo = standin.repoByName(b ?? '', c ?? '');
  if (!repo || !visible(inst, repo)) return method === 'GET' && d !== undefined ? undefined : notFound();
  const full = `${repo.owner.login}/${repo.name}`;

  if (d === undefined) {
    if (method === 'GET') return json({ ...standin.repoJson(repo), description: s.descriptions.get(repo.id) ?? null, topics: s.topics.get(repo.id) ?? [] });
    if (method === 'PATCH') {
      const input = await body();
      if (typeof input.default_branch === 'string') {
        if (!(await headOf(standin, s, repo, input.default_branch))) return unprocessable(`No branch ${input.default_branch}`);
        repo.defaultBranch = input.default_branch;
      }
      if (typeof input.description === 'string') s.descriptions.set(repo.id, input.description);
      return json(standin.repoJson(repo));
    }
    return notFound();
  }
  if (d === 'topics' && method === 'PUT') {
    const names = ((await body()).names as string[]) ?? [];
    s.topics.set(repo.id, names);
    return json({ names });
  }
  if (d === 'git') {
    if (repo.branches.size === 0 && method === 'POST') return json({ message: 'Git Repository is empty.' }, 409);
    if (e === 'blobs' && method === 'POST') {
      const input = await body();
      const content = input.encoding === 'base64' ? decodeBase64(String(input.content)) : String(input.content);
      return json({ sha: await putObject(s, { type: 'blob', content }) }, 201);
    }
    if (e === 'trees' && method === 'POST') {
      const input = await body();
      const entries = new Map<string, string>();
      if (typeof input.base_tree === 'string') {
        const base = s.objects.get(input.base_tree);
        if (base?.type !== 'tree') return unprocessable('base_tree is not a tree');
        for (const [p, sha] of base.entries) entries.set(p, sha);
      }
      for (const item of (input.tree as { path: string; sha: string | null }[]) ?? []) {
        if (item.sha === null) entries.delete(item.path);
        else if (s.objects.get(item.sha)?.type !== 'blob') return unprocessable(`tree.sha ${item.sha} is not a valid blob`);
        else entries.set(item.path, item.sha);
      }
      return json({ sha: await putObject(s, { type: 'tree', entries }) }, 201);
    }
    if (e === 'commits' && method === 'POST') {
      const input = await body();
      const tree = String(input.tree);
      if (s.objects.get(tree)?.type !== 'tree') return unprocessable('tree is not a valid tree');
      const parents = (input.parents as string[]) ?? [];
      const sha = await putObject(s, { type: 'commit', tree, parents, message: String(input.message ?? '') });
      return json({ sha, tree: { sha: tree }, parents: parents.map((p) => ({ sha: p })), message: input.message }, 201);
    }
    if (e === 'commits' && method === 'GET') {
      const commit = s.objects.get(rest[0] ?? '');
      if (commit?.type !== 'commit') return notFound();
      return json({ sha: rest[0], tree: { sha: commit.tree }, parents: commit.parents.map((p) => ({ sha: p })), message: commit.message });
    }
    if (e === 'ref' && rest[0] === 'heads' && method === 'GET') {
      if (repo.branches.size === 0) return json({ message: 'Git Repository is empty.' }, 409);
      const branch = rest.slice(1).join('/');
      const sha = await headOf(standin, s, repo, branch);
      return sha ? json({ ref: `refs/heads/${branch}`, object: { type: 'commit', sha } }) : notFound();
    }
    if (e === 'refs' && rest[0] === 'heads' && method === 'PATCH') {
      const branch = rest.slice(1).join('/');
      if (!(await headOf(standin, s, repo, branch))) return unprocessable('Reference does not exist');
      const input = await body();
      if (s.objects.get(String(input.sha))?.type !== 'commit') return unprocessable('Object does not exist');
      setHead(standin, s, repo, branch, String(input.sha));
      return json({ ref: `refs/heads/${branch}`, object: { type: 'commit', sha: input.sha } });
    }
    if (e === 'refs' && rest.length === 0 && method === 'POST') {
      const input = await body();
      const ref = String(input.ref ?? '');
      if (!ref.startsWith('refs/heads/')) return unprocessable('Reference name must start with refs/heads/');
      const branch = ref.slice('refs/heads/'.length);
      if (await headOf(standin, s, repo, branch)) return unprocessable('Reference already exists');
      if (s.objects.get(String(input.sha))?.type !== 'commit') return unprocessable('Object does not exist');
      setHead(standin, s, repo, branch, String(input.sha));
      return json({ ref, object: { type: 'commit', sha: input.sha } }, 201);
    }
    return method === 'GET' ? undefined : notFound();
  }
  if (d === 'pulls') {
    const pulls = s.pulls.get(repo.id) ?? [];
    s.pulls.set(repo.id, pulls);
    const pullJson = (p: StandinPull) => ({ ...p, html_url: `https://${standin.webHost}/${full}/pull/${p.number}`, head: { ref: p.head }, base: { ref: p.base } });
    if (method === 'GET' && e === undefined) {
      const head = url.searchParams.get('head');
      const base = url.searchParams.get('base');
      const state = url.searchParams.get('state') ?? 'open';
      return json(
        pulls.filter((p) => (state === 'all' || p.state === state) && (!head || `${repo.owner.login}:${p.head}` === head) && (!base || p.base === base)).map(pullJson),
      );
    }
    if (method === 'POST' && e === undefined) {
      const input = await body();
      const head = String(input.head);
      if (!(await headOf(standin, s, repo, head))) return unprocessable(`No branch ${head}`);
      const pull: StandinPull = { number: pulls.length + 1, title: String(input.title), body: String(input.body ?? ''), head, base: String(input.base), state: 'open', draft: input.draft === true };
      pulls.push(pull);
      return json(pullJson(pull), 201);
    }
    return notFound();
  }
  if (d === 'actions' && e === 'workflows' && rest[1] === 'dispatches' && method === 'POST') {
    const workflow = rest[0] ?? '';
    if (!standin.files(repo).has(`.github/workflows/${workflow}`)) return notFound();
    const input = await body();
    s.dispatches.push({ repo: full, workflow, ref: String(input.ref), inputs: (input.inputs as Record<string, string>) ?? {} });
    return new Response(null, { status: 204 });
  }
  return method === 'GET' ? undefined : notFound();
}
