// A stand-in for GitHub's REST API at the HTTP boundary: installations, repositories with
// branches and files, trees, contents, organisations, teams, members and users, held in memory
// and served as GitHub serves them (auth, pagination, 404s for what a token cannot see).
// Web-standard (Request → Response) so the same code answers tests inside workerd (through a
// stubbed fetch) and a loopback port for `npm run simulate` and the benchmark.
// Plain TypeScript without runtime-only syntax, so Node runs it directly.

import { importSPKI, jwtVerify, type CryptoKey as JoseKey } from 'jose';

/** A user or organisation account. */
export interface StandinAccount {
  login: string;
  id: number;
  type: 'Organization' | 'User';
}

/** The App installed on an account. */
export interface StandinInstallation {
  id: number;
  account: StandinAccount;
  /** `all`, or the ids of the repositories the installation was given. */
  repositories: 'all' | Set<number>;
  suspended: boolean;
}

/** A repository with its branches and their files. */
export interface StandinRepo {
  id: number;
  owner: StandinAccount;
  name: string;
  defaultBranch: string;
  archived: boolean;
  private: boolean;
  /** Branch → path → content. */
  branches: Map<string, Map<string, string>>;
}

/** A user and the profile GitHub shows. */
export interface StandinUser {
  login: string;
  id: number;
  name?: string | null;
  email?: string | null;
  bio?: string | null;
}

/** A team: direct members, and its parent team when nested. */
export interface StandinTeam {
  slug: string;
  id: number;
  name: string;
  description?: string | null;
  parent?: string | null;
  members: Set<string>;
}

/** An organisation: its members and teams. */
export interface StandinOrg {
  account: StandinAccount;
  name?: string | null;
  description?: string | null;
  members: Set<string>;
  teams: Map<string, StandinTeam>;
}

/** One request the stand-in answered, for tests to count or inspect. */
export interface StandinCall {
  method: string;
  path: string;
  status: number;
}

/** Where the stand-in is served and which App it trusts. */
export interface StandinOptions {
  /** Base URL the API is served under (`https://api.github.com`, `http://127.0.0.1:9999`, `https://ghe.test/api/v3`). */
  apiUrl: string;
  /** Web host the repositories' HTML URLs use. */
  webHost?: string;
  appId: string;
  /** The App's public key (SPKI PEM), to verify App JWTs as GitHub does. */
  publicKeyPem: string;
  /** First id handed out (repositories, accounts, installations…); vary it to keep runs apart. */
  firstId?: number;
}

const TOKEN_TTL_MS = 60 * 60_000;
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
const notFound = () => json({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, 404);

async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** GitHub's simulated side: state plus `fetch(request)`. Mutate the state, then send webhooks. */
export class GithubStandin {
  readonly apiUrl: string;
  readonly webHost: string;
  readonly installations = new Map<number, StandinInstallation>();
  readonly repos = new Map<number, StandinRepo>();
  readonly orgs = new Map<string, StandinOrg>();
  readonly users = new Map<string, StandinUser>();
  readonly calls: StandinCall[] = [];
  /** The write side (scaffolder publishing), installed by `enableGitWrites` in github-standin-git.ts. */
  writeRoutes?: (inst: StandinInstallation, request: Request, url: URL, parts: string[]) => Promise<Response | undefined>;
  /** Codes of the app-manifest flow → the App credentials GitHub would answer. */
  readonly manifestCodes = new Map<string, Record<string, unknown>>();

  private readonly appId: string;
  private readonly publicKeyPem: string;
  private publicKey?: Promise<JoseKey>;
  private readonly tokens = new Map<string, { installationId: number; expiresAt: number }>();
  private nextId: number;

  constructor(options: StandinOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.webHost = options.webHost ?? 'github.com';
    this.appId = options.appId;
    this.publicKeyPem = options.publicKeyPem;
    this.nextId = options.firstId ?? 1000;
  }

  // ---- state ----------------------------------------------------------------------------

  /** A fresh id for anything (repositories, users, teams…). */
  id(): number {
    return this.nextId++;
  }

  /** Installs the App on all repositories of an account (narrow `repositories` to a set of ids for "selected"). */
  install(account: StandinAccount): StandinInstallation {
    const installation: StandinInstallation = { id: this.id(), account, repositories: 'all', suspended: false };
    this.installations.set(installation.id, installation);
    return installation;
  }

  /** Creates a public repository with files on its default branch, `main`. */
  addRepo(owner: StandinAccount, name: string, files: Record<string, string> = {}): StandinRepo {
    const repo: StandinRepo = {
      id: this.id(),
      owner,
      name,
      defaultBranch: 'main',
      archived: false,
      private: false,
      branches: new Map([['main', new Map(Object.entries(files))]]),
    };
    this.repos.set(repo.id, repo);
    return repo;
  }

  /** The files of a branch (the default one unless named), created empty when missing. */
  files(repo: StandinRepo, branch = repo.defaultBranch): Map<string, string> {
    let files = repo.branches.get(branch);
    if (!files) repo.branches.set(branch, (files = new Map()));
    return files;
  }

  /** Creates an organisation account with members (users are created as needed). */
  addOrg(login: string, members: string[] = [], details: { name?: string; description?: string } = {}): StandinOrg {
    const org: StandinOrg = { account: { login, id: this.id(), type: 'Organization' }, ...details, members: new Set(), teams: new Map() };
    this.orgs.set(login.toLowerCase(), org);
    for (const m of members) this.addMember(org, m);
    return org;
  }

  /** Makes a user a member of an organisation. */
  addMember(org: StandinOrg, login: string, profile: Partial<StandinUser> = {}): StandinUser {
    const user = this.users.get(login.toLowerCase()) ?? { login, id: this.id(), name: null, email: null };
    Object.assign(user, profile);
    this.users.set(login.toLowerCase(), user);
    org.members.add(login);
    return user;
  }

  /** Adds a team (under `parent` when given) with direct members. */
  addTeam(org: StandinOrg, slug: string, options: { name?: string; parent?: string; members?: string[]; description?: string } = {}): StandinTeam {
    const team: StandinTeam = { slug, id: this.id(), name: options.name ?? slug, description: options.description ?? null, parent: options.parent ?? null, members: new Set(options.members ?? []) };
    org.teams.set(slug, team);
    return team;
  }

  /** A repository by owner and name (case-insensitive), as GitHub resolves them. */
  repoByName(owner: string, name: string): StandinRepo | undefined {
    for (const repo of this.repos.values()) {
      if (repo.owner.login.toLowerCase() === owner.toLowerCase() && repo.name.toLowerCase() === name.toLowerCase()) return repo;
    }
    return undefined;
  }

  /** The installation on a repository's account that was given the repository. */
  installationOf(repo: StandinRepo): StandinInstallation | undefined {
    for (const inst of this.installations.values()) {
      if (inst.account.id === repo.owner.id && (inst.repositories === 'all' || inst.repositories.has(repo.id))) return inst;
    }
    return undefined;
  }

  /** The SHA of a branch's tree: any change of a path or content changes it. */
  async treeSha(repo: StandinRepo, branch = repo.defaultBranch): Promise<string> {
    const files = [...(repo.branches.get(branch) ?? new Map<string, string>()).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    return sha1(JSON.stringify(files));
  }

  /** The head commit of a branch: derived from its tree, so it moves with any change. */
  async commitSha(repo: StandinRepo, branch = repo.defaultBranch): Promise<string> {
    return sha1(`commit:${await this.treeSha(repo, branch)}`);
  }

  /** The branch a ref names: a branch name, `HEAD`, or the head commit SHA of a branch (older commits are gone). */
  async branchOf(repo: StandinRepo, ref: string): Promise<string> {
    if (ref === 'HEAD') return repo.defaultBranch;
    if (repo.branches.has(ref) || !/^[0-9a-f]{40}$/.test(ref)) return ref;
    for (const branch of repo.branches.keys()) if ((await this.commitSha(repo, branch)) === ref) return branch;
    return ref;
  }

  // ---- GitHub's JSON shapes ------------------------------------------------------------------

  accountJson(a: StandinAccount): Record<string, unknown> {
    return { login: a.login, id: a.id, node_id: `MDQ6${a.id}`, type: a.type, html_url: `https://${this.webHost}/${a.login}`, url: `${this.apiUrl}/users/${a.login}`, site_admin: false };
  }

  repoJson(repo: StandinRepo): Record<string, unknown> {
    const full = `${repo.owner.login}/${repo.name}`;
    return {
      id: repo.id,
      node_id: `MDEw${repo.id}`,
      name: repo.name,
      full_name: full,
      private: repo.private,
      visibility: repo.private ? 'private' : 'public',
      owner: this.accountJson(repo.owner),
      html_url: `https://${this.webHost}/${full}`,
      url: `${this.apiUrl}/repos/${full}`,
      default_branch: repo.defaultBranch,
      master_branch: repo.defaultBranch,
      archived: repo.archived,
      disabled: false,
      fork: false,
    };
  }

  installationJson(inst: StandinInstallation): Record<string, unknown> {
    return {
      id: inst.id,
      account: this.accountJson(inst.account),
      app_id: Number(this.appId),
      target_type: inst.account.type,
      repository_selection: inst.repositories === 'all' ? 'all' : 'selected',
      permissions: { contents: 'read', metadata: 'read', members: 'read' },
      suspended_at: inst.suspended ? new Date().toISOString() : null,
    };
  }

  userJson(u: StandinUser): Record<string, unknown> {
    return { login: u.login, id: u.id, type: 'User', avatar_url: `https://avatars.example/u/${u.id}`, html_url: `https://${this.webHost}/${u.login}`, name: u.name ?? null, email: u.email ?? null, bio: u.bio ?? null };
  }

  teamJson(org: StandinOrg, t: StandinTeam): Record<string, unknown> {
    const parent = t.parent ? org.teams.get(t.parent) : undefined;
    return {
      id: t.id,
      slug: t.slug,
      name: t.name,
      description: t.description ?? null,
      privacy: 'closed',
      html_url: `https://${this.webHost}/orgs/${org.account.login}/teams/${t.slug}`,
      parent: parent ? { id: parent.id, slug: parent.slug, name: parent.name } : null,
    };
  }

  // ---- HTTP --------------------------------------------------------------------------------

  /** Answers one API request as GitHub would. */
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.href.startsWith(`${this.apiUrl}/`) ? url.pathname.slice(new URL(this.apiUrl).pathname.replace(/\/$/, '').length) : undefined;
    const response = path === undefined ? notFound() : await this.route(request, url, path);
    response.headers.set('x-ratelimit-limit', '5000');
    response.headers.set('x-ratelimit-remaining', response.headers.get('x-ratelimit-remaining') ?? '4999');
    this.calls.push({ method: request.method, path: `${path ?? url.pathname}${url.search}`, status: response.status });
    return response;
  }

  private async appAuthorized(request: Request): Promise<boolean> {
    const auth = request.headers.get('authorization') ?? '';
    if (!auth.startsWith('Bearer ')) return false;
    this.publicKey ??= importSPKI(this.publicKeyPem, 'RS256');
    try {
      const { payload } = await jwtVerify(auth.slice(7), await this.publicKey, { issuer: this.appId, algorithms: ['RS256'] });
      // GitHub refuses App JWTs that live longer than ten minutes.
      return typeof payload.exp === 'number' && typeof payload.iat === 'number' && payload.exp - payload.iat <= 660;
    } catch {
      return false;
    }
  }

  private tokenInstallation(request: Request): StandinInstallation | undefined {
    const auth = request.headers.get('authorization') ?? '';
    const token = /^(?:token|Bearer) (ghs_\w+)$/.exec(auth)?.[1];
    const entry = token ? this.tokens.get(token) : undefined;
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    const inst = this.installations.get(entry.installationId);
    return inst && !inst.suspended ? inst : undefined;
  }

  private canSee(inst: StandinInstallation, repo: StandinRepo): boolean {
    return inst.account.id === repo.owner.id && (inst.repositories === 'all' || inst.repositories.has(repo.id));
  }

  private page<T>(url: URL, items: T[]): Response {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return json(slice, 200, headers);
  }

  private async route(request: Request, url: URL, path: string): Promise<Response> {
    const method = request.method;
    const parts = path.split('/').slice(1).map(decodeURIComponent);
    const [a, b, c, d, e] = parts;

    if (method === 'POST' && a === 'app-manifests' && d === undefined && c === 'conversions') {
      const created = this.manifestCodes.get(b ?? '');
      if (!created) return notFound();
      this.manifestCodes.delete(b ?? '');
      return json(created, 201);
    }

    if (a === 'app') {
      if (!(await this.appAuthorized(request))) return json({ message: 'A JSON web token could not be decoded' }, 401);
      if (method === 'GET' && b === 'installations' && c === undefined) return this.page(url, [...this.installations.values()].map((i) => this.installationJson(i)));
      const inst = b === 'installations' ? this.installations.get(Number(c)) : undefined;
      if (!inst) return notFound();
      if (method === 'GET' && d === undefined) return json(this.installationJson(inst));
      if (method === 'POST' && d === 'access_tokens') {
        if (inst.suspended) return json({ message: 'This installation has been suspended' }, 403);
        const token = `ghs_${crypto.randomUUID().replace(/-/g, '')}`;
        const expiresAt = Date.now() + TOKEN_TTL_MS;
        this.tokens.set(token, { installationId: inst.id, expiresAt });
        return json({ token, expires_at: new Date(expiresAt).toISOString(), permissions: { contents: 'read', metadata: 'read', members: 'read' }, repository_selection: inst.repositories === 'all' ? 'all' : 'selected' }, 201);
      }
      return notFound();
    }

    if (method === 'GET' && a === 'repos' && d === 'installation' && e === undefined) {
      if (!(await this.appAuthorized(request))) return json({ message: 'A JSON web token could not be decoded' }, 401);
      const repo = this.repoByName(b ?? '', c ?? '');
      const inst = repo && this.installationOf(repo);
      return inst ? json(this.installationJson(inst)) : notFound();
    }

    if (method === 'GET' && (a === 'orgs' || a === 'users') && c === 'installation' && d === undefined) {
      if (!(await this.appAuthorized(request))) return json({ message: 'A JSON web token could not be decoded' }, 401);
      const inst = [...this.installations.values()].find((i) => i.account.login.toLowerCase() === (b ?? '').toLowerCase());
      return inst ? json(this.installationJson(inst)) : notFound();
    }

    const inst = this.tokenInstallation(request);
    if (!inst) return json({ message: 'Bad credentials' }, 401);
    // Repository creation, the Git Data API, pull requests and dispatches, when a test turned them
    // on (github-standin-git.ts).
    const written = await this.writeRoutes?.(inst, request, url, parts);
    if (written) return written;
    if (method !== 'GET') return notFound();

    if (a === 'installation' && b === 'repositories') {
      const visible = [...this.repos.values()].filter((r) => this.canSee(inst, r));
      const res = this.page(url, visible.map((r) => this.repoJson(r)));
      const body = (await res.json()) as unknown[];
      return json({ total_count: visible.length, repository_selection: inst.repositories === 'all' ? 'all' : 'selected', repositories: body }, 200, Object.fromEntries(res.headers));
    }
    if (a === 'repositories' && c === undefined) {
      const repo = this.repos.get(Number(b));
      return repo && this.canSee(inst, repo) ? json(this.repoJson(repo)) : notFound();
    }
    if (a === 'repos') {
      const repo = this.repoByName(b ?? '', c ?? '');
      if (!repo || !this.canSee(inst, repo)) return notFound();
      if (d === 'git' && e === 'trees') {
        const ref = parts.slice(5).join('/');
        const branch = await this.branchOf(repo, ref);
        const files = repo.branches.get(branch);
        if (repo.branches.size === 0 || [...repo.branches.values()].every((f) => f.size === 0)) return json({ message: 'Git Repository is empty.' }, 409);
        if (!files) return notFound();
        const tree = await Promise.all([...files.entries()].map(async ([p, content]) => ({ path: p, mode: '100644', type: 'blob', sha: await sha1(content), size: content.length })));
        const dirs = new Set([...files.keys()].flatMap((p) => p.split('/').slice(0, -1).map((_, i, segs) => segs.slice(0, i + 1).join('/'))));
        const entries = [...[...dirs].map((p) => ({ path: p, mode: '040000', type: 'tree', sha: p })), ...tree].sort((x, y) => (x.path < y.path ? -1 : 1));
        return json({ sha: await this.treeSha(repo, branch), url: url.href, tree: entries, truncated: false });
      }
      if (d === 'commits' && e !== undefined) {
        // The head commit of a branch; its sha is derived from the tree, so it moves with any change.
        const branch = await this.branchOf(repo, parts.slice(4).join('/'));
        if (!repo.branches.get(branch)?.size) return notFound();
        const sha = await this.commitSha(repo, branch);
        return json({ sha, commit: { tree: { sha: await this.treeSha(repo, branch) } }, html_url: `https://${this.webHost}/${repo.owner.login}/${repo.name}/commit/${sha}` });
      }
      if (d === 'contents') {
        const filePath = parts.slice(4).join('/');
        const ref = url.searchParams.get('ref') ?? repo.defaultBranch;
        const content = repo.branches.get(await this.branchOf(repo, ref))?.get(filePath);
        if (content === undefined) return notFound();
        if ((request.headers.get('accept') ?? '').includes('raw')) return new Response(content, { headers: { 'content-type': 'application/vnd.github.raw+json; charset=utf-8' } });
        return json({ type: 'file', encoding: 'base64', path: filePath, content: btoa(String.fromCharCode(...new TextEncoder().encode(content))) });
      }
      return notFound();
    }
    if (a === 'orgs') {
      const org = this.orgs.get((b ?? '').toLowerCase());
      if (!org || inst.account.id !== org.account.id) return notFound();
      if (c === undefined) return json({ ...this.accountJson(org.account), name: org.name ?? null, description: org.description ?? null });
      if (c === 'members' && d === undefined) return this.page(url, [...org.members].sort().map((l) => this.userJson(this.users.get(l.toLowerCase()) as StandinUser)));
      if (c === 'teams' && d === undefined) return this.page(url, [...org.teams.values()].map((t) => this.teamJson(org, t)));
      if (c === 'teams' && e === 'members') {
        const team = org.teams.get(d ?? '');
        if (!team) return notFound();
        // As GitHub does, a team's members include those of its child teams.
        const logins = new Set<string>();
        const collect = (t: StandinTeam) => {
          for (const m of t.members) logins.add(m);
          for (const child of org.teams.values()) if (child.parent === t.slug) collect(child);
        };
        collect(team);
        return this.page(url, [...logins].sort().map((l) => this.userJson(this.users.get(l.toLowerCase()) as StandinUser)));
      }
      return notFound();
    }
    if (a === 'users' && c === undefined) {
      const user = this.users.get((b ?? '').toLowerCase());
      return user ? json(this.userJson(user)) : notFound();
    }
    return notFound();
  }
}
