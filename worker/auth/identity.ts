import { sql } from 'drizzle-orm';
import type { CatalogStore } from '../catalog/store/store';
import { entityRelationsSql, towardsSql } from '../catalog/store/relations-sql';
import type { AuthConfig } from '../config';
import { roleOf, type Subject } from './policy';

/** Who someone is once signed in: their User entity, what they own through, and their GitHub facts. */
export interface Identity extends Subject {
  displayName: string;
  email?: string;
  picture?: string;
  /** False for the minimal identity of a GitHub user the catalog does not know (when the admin allows it). */
  inCatalog: boolean;
}

/** What GitHub said about the person signing in. */
export interface GithubProfile {
  login: string;
  name?: string | null;
  email?: string | null;
  avatarUrl?: string | null;
  /** Lowercased organisation logins. */
  orgs: string[];
  /** Lowercased `org/team-slug`. */
  teams: string[];
}

interface UserRow {
  id: number;
  ref: string;
  body: string;
}

/**
 * Finds the User entity of a GitHub login — by its `github.com/user-login` annotation first,
 * then by name in the default namespace, as Backstage's GitHub resolvers do — and the refs it
 * owns through: itself and its groups, transitively up `childOf`.
 */
export async function resolveCatalogUser(
  store: CatalogStore,
  login: string,
): Promise<{ userEntityRef: string; ownershipEntityRefs: string[]; displayName?: string; email?: string; picture?: string } | undefined> {
  const lower = login.toLowerCase();
  const [user] = await store.db.all<UserRow>(sql`
    SELECT e.id, e.ref, e.body FROM entities e
    WHERE e.kind = 'user' AND (
      EXISTS (SELECT 1 FROM search s WHERE s.key = 'metadata.annotations.github.com/user-login' AND s.value = ${lower} AND s.entity_id = e.id)
      OR e.ref = ${`user:default/${lower}`})
    ORDER BY e.ref = ${`user:default/${lower}`}, e.ref LIMIT 1`);
  if (!user) return undefined;
  // Membership and parenthood are each stated by either end: `memberOf` in the user or
  // `members` in the group, `parent` in the child or `children` in the parent. The recursive
  // steps spell out both ends, since SQLite allows the recursive table in no subquery.
  const parents = towardsSql(sql`g.ref`);
  const groups = await store.db.all<{ ref: string }>(sql`
    WITH RECURSIVE g(ref) AS (
      SELECT target FROM (${entityRelationsSql(sql`${user.id}`, sql`${user.ref}`)}) WHERE type = 'memberOf'
      UNION SELECT r.target FROM g JOIN entities e ON e.ref = g.ref JOIN relations r ON r.origin_id = e.id AND r.type = 'childOf'
      UNION SELECT r.source FROM g CROSS JOIN ${parents.from} WHERE ${parents.where} AND r.type = 'parentOf'
    ) SELECT ref FROM g ORDER BY ref`);
  const profile = (JSON.parse(user.body) as { spec?: { profile?: { displayName?: unknown; email?: unknown; picture?: unknown } } }).spec?.profile;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const displayName = str(profile?.displayName);
  const email = str(profile?.email);
  const picture = str(profile?.picture);
  return {
    userEntityRef: user.ref,
    ownershipEntityRefs: [user.ref, ...groups.map((g) => g.ref)],
    ...(displayName ? { displayName } : {}),
    ...(email ? { email } : {}),
    ...(picture ? { picture } : {}),
  };
}

/**
 * The identity of someone signing in: their catalog user; or, when the catalog does not know
 * them, a minimal `user:default/<login>` that owns only itself — if the admin lets unknown users
 * in, or if GitHub alone makes them an admin, so a portal whose catalog is still empty has
 * someone to set it up. Anyone else is refused (undefined).
 */
export async function identityFor(store: CatalogStore, profile: GithubProfile, auth: Pick<AuthConfig, 'unknownUsers' | 'policy'>): Promise<Identity | undefined> {
  const found = await resolveCatalogUser(store, profile.login);
  const ref = found?.userEntityRef ?? `user:default/${profile.login.toLowerCase()}`;
  const email = found?.email ?? profile.email ?? undefined;
  const picture = found?.picture ?? profile.avatarUrl ?? undefined;
  const identity: Identity = {
    userEntityRef: ref,
    ownershipEntityRefs: found?.ownershipEntityRefs ?? [ref],
    displayName: found?.displayName ?? profile.name ?? profile.login,
    ...(email ? { email } : {}),
    ...(picture ? { picture } : {}),
    github: { login: profile.login.toLowerCase(), orgs: profile.orgs, teams: profile.teams },
    inCatalog: !!found,
  };
  if (!found && auth.unknownUsers !== 'minimal' && roleOf(identity, auth.policy) !== 'admin') return undefined;
  return identity;
}

/** The local guest `npm start` signs in: an admin with a visible banner. */
export const GUEST_IDENTITY: Identity = {
  userEntityRef: 'user:default/guest',
  ownershipEntityRefs: ['user:default/guest'],
  displayName: 'Guest',
  guest: true,
  inCatalog: false,
};
