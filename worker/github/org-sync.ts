import { providedEntity } from '../catalog/ingest/process';
import type { DocumentError, ProcessedEntity } from '../catalog/ingest/types';
import { mapLimit } from '../lib/pool';
import type { GithubClient } from './client';
import type { GithubContext } from './context';
import { GithubApiError } from './errors';
import { currentInstallation } from './installation';
import { orgEntities, type GithubTeam, type GithubUser } from './org-entities';
import { isAllowedAccount } from './policy';

/** The location key an organisation's Group and User entities are written under. */
export const orgLocationKey = (accountId: number) => `github-org:${accountId}`;

// Profiles (name, e-mail) cost one request per member; they change rarely, so an isolate keeps
// them for an hour and membership changes still show at once.
const PROFILE_TTL_MS = 60 * 60_000;
const PROFILE_CONCURRENCY = 5;
const profiles = new WeakMap<GithubClient, Map<string, { user: GithubUser; expiresAt: number }>>();

async function profile(client: GithubClient, installationId: number, member: GithubUser): Promise<GithubUser> {
  let cache = profiles.get(client);
  if (!cache) profiles.set(client, (cache = new Map()));
  const hit = cache.get(member.login);
  if (hit && hit.expiresAt > Date.now()) return hit.user;
  const res = await client.request(`/users/${encodeURIComponent(member.login)}`, { as: { installationId } });
  if (res.status === 404) {
    await res.body?.cancel();
    return member;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new GithubApiError(res.status, `GET /users/${member.login} answered HTTP ${res.status}`);
  }
  const user = (await res.json()) as GithubUser;
  cache.set(member.login, { user, expiresAt: Date.now() + PROFILE_TTL_MS });
  return user;
}

/** Removes an organisation's Group and User entities. */
async function retireOrg(ctx: GithubContext, accountId: number): Promise<void> {
  await ctx.catalog.store.retireKeys([orgLocationKey(accountId)], 'delete');
}

/**
 * Reads an installation's organisation as it is now (teams, team members, members and their
 * profiles) and replaces its Group and User entities in one write. An installation that is gone,
 * suspended, on a user account, outside the allowed organisations, or with org sync turned off
 * contributes none.
 */
export async function syncOrg(ctx: GithubContext, installationId: number): Promise<void> {
  const installation = await currentInstallation(ctx.client, installationId);
  const known = await ctx.store.installation(installationId);
  const account = installation?.account;
  const wanted =
    account && !installation.suspended_at && account.type === 'Organization' && ctx.config.orgSync && isAllowedAccount(ctx.config, account.login);
  if (!wanted) {
    const accountId = account?.id ?? known?.accountId;
    if (accountId !== undefined) await retireOrg(ctx, accountId);
    return;
  }
  const as = { installationId };
  const org = encodeURIComponent(account.login);
  const details = await ctx.client.json<{ name?: string | null; description?: string | null }>(`/orgs/${org}`, as);
  const teams = await ctx.client.paginate<GithubTeam>(`/orgs/${org}/teams`, as, (page) => page as GithubTeam[]);
  const teamMembers = new Map<string, string[]>();
  for (const team of teams) {
    const members = await ctx.client.paginate<GithubUser>(`/orgs/${org}/teams/${encodeURIComponent(team.slug)}/members`, as, (page) => page as GithubUser[]);
    teamMembers.set(team.slug, members.map((m) => m.login));
  }
  const listed = await ctx.client.paginate<GithubUser>(`/orgs/${org}/members`, as, (page) => page as GithubUser[]);
  const members = await mapLimit(listed, PROFILE_CONCURRENCY, (m) => profile(ctx.client, installationId, m));
  const raw = orgEntities({ login: account.login, name: details.name, description: details.description, teams, teamMembers, members });

  const key = orgLocationKey(account.id);
  const entities: ProcessedEntity[] = [];
  const errors: DocumentError[] = [];
  for (const entity of raw) {
    const result = providedEntity(entity, { locationKey: key, originKey: key });
    if ('entity' in result) entities.push(result);
    else errors.push(result);
  }
  await ctx.catalog.store.writeLocation({ locationKey: key, originKey: key, output: { entities, errors, children: [] }, orphanStrategy: 'delete' });
}
