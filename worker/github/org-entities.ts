/** GitHub's team and user objects (the fields read), and what an organisation becomes in the catalog. */

/** A team as GitHub lists it. */
export interface GithubTeam {
  slug: string;
  name: string;
  description?: string | null;
  parent?: { slug: string } | null;
  html_url?: string;
}

/** A user as GitHub lists or shows it. */
export interface GithubUser {
  login: string;
  name?: string | null;
  email?: string | null;
  avatar_url?: string;
  html_url?: string;
  bio?: string | null;
}

/** An organisation as read from GitHub: teams with their members, and every member's profile. */
export interface GithubOrg {
  login: string;
  name?: string | null;
  description?: string | null;
  teams: GithubTeam[];
  /** Team slug → logins GitHub lists for it (which include the members of its child teams). */
  teamMembers: Map<string, string[]>;
  members: GithubUser[];
}

const API_VERSION = 'backstage.io/v1alpha1';

/** Drops empty values so descriptors stay as small as a hand-written one. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

/**
 * The organisation as Group and User descriptors: one Group for the organisation, one per team
 * (parent and children from team nesting, top-level teams under the organisation), one User per
 * member (`github.com/user-login`, profile) with the teams it belongs to directly — GitHub lists
 * a parent team's members including its child teams', and the catalog derives those through the
 * hierarchy, so a user is a member of the deepest teams it is listed in.
 */
export function orgEntities(org: GithubOrg): Record<string, unknown>[] {
  const slugs = new Set(org.teams.map((t) => t.slug));
  const parentOf = (t: GithubTeam) => (t.parent && slugs.has(t.parent.slug) ? t.parent.slug : org.login);
  const children = new Map<string, string[]>();
  for (const team of org.teams) children.set(parentOf(team), [...(children.get(parentOf(team)) ?? []), team.slug]);

  const listed = (slug: string) => new Set(org.teamMembers.get(slug) ?? []);
  const memberOf = new Map<string, string[]>();
  for (const team of org.teams) {
    const viaChildren = new Set((children.get(team.slug) ?? []).flatMap((c) => [...listed(c)]));
    for (const login of listed(team.slug)) {
      if (!viaChildren.has(login)) memberOf.set(login, [...(memberOf.get(login) ?? []), team.slug]);
    }
  }

  const orgGroup = {
    apiVersion: API_VERSION,
    kind: 'Group',
    metadata: compact({ name: org.login, description: org.description ?? undefined, annotations: { 'github.com/team-slug': org.login } }),
    spec: { type: 'organization', profile: compact({ displayName: org.name || org.login }), children: (children.get(org.login) ?? []).sort() },
  };
  const teams = org.teams.map((team) => ({
    apiVersion: API_VERSION,
    kind: 'Group',
    metadata: compact({
      name: team.slug,
      title: team.name,
      description: team.description ?? undefined,
      annotations: { 'github.com/team-slug': `${org.login}/${team.slug}` },
      links: team.html_url ? [{ url: team.html_url, title: 'GitHub team' }] : undefined,
    }),
    spec: { type: 'team', profile: { displayName: team.name }, parent: parentOf(team), children: (children.get(team.slug) ?? []).sort() },
  }));
  const users = org.members.map((user) => ({
    apiVersion: API_VERSION,
    kind: 'User',
    metadata: compact({
      name: user.login,
      description: user.bio ?? undefined,
      annotations: { 'github.com/user-login': user.login },
      links: user.html_url ? [{ url: user.html_url, title: 'GitHub profile' }] : undefined,
    }),
    spec: {
      profile: compact({ displayName: user.name || user.login, email: user.email ?? undefined, picture: user.avatar_url }),
      memberOf: (memberOf.get(user.login) ?? [org.login]).sort(),
    },
  }));
  return [orgGroup, ...teams, ...users];
}
