import type { EntityFilter } from '../catalog/query/filter';
import { parseEntityRef, stringifyEntityRef } from '../catalog/model/ref';
import { ACTIONS, isAction, ROLES, roleRank, SCOPES, type Action, type Role, type Scope } from './actions';

// The permission policy as plain functions: configuration in, decisions out, no I/O. The
// middleware applies a decision (a filter becomes SQL), so one policy serves every route.

/** Limits a rule to some entities; all given parts must hold. */
export interface RuleCondition {
  /** The entity is owned (`relations.ownedBy`) by the user or one of their groups, up the parent chain. */
  owner?: boolean;
  /** The entity is of one of these kinds. */
  kind?: string[];
  /** The entity is one of these (e.g. templates a role may run). */
  ref?: string[];
}

/** One rule: holders of `role` (or a higher one) may do `action` (`*` or `prefix.*` for many), maybe only `if` ... */
export interface PolicyRule {
  action: string;
  role: Role;
  if?: RuleCondition;
}

/** The whole configured policy. */
export interface Policy {
  /** Per role, who holds it: `*`, `github-user:<login>`, `github-org:<org>`, `github-team:<org>/<team>` or an entity ref (`group:default/admins`). */
  roles: Record<Role, string[]>;
  rules: PolicyRule[];
}

/** Who is asking, as far as the policy cares. */
export interface Subject {
  userEntityRef: string;
  /** The user and every group they belong to, transitively up parent groups (lowercased refs). */
  ownershipEntityRefs: string[];
  github?: { login: string; orgs: string[]; teams: string[] };
  /** Set for the local guest, who is an admin whatever the roles say. */
  guest?: boolean;
  /** Set when the request carries an API token: only these scopes' actions are possible. */
  scopes?: Scope[];
}

/** What the policy says about one action: always, never, or for the entities matching a filter. */
export type Decision = { result: 'allow' } | { result: 'deny' } | { result: 'conditional'; filter: EntityFilter };

/** Nothing else is built in; an admin changes any of it through `AUTH_POLICY`. */
export const DEFAULT_POLICY: Policy = {
  roles: { viewer: ['*'], member: [], admin: [] },
  rules: [
    { action: 'catalog.read', role: 'viewer' },
    { action: 'catalog.location.register', role: 'member' },
    { action: 'catalog.entity.refresh', role: 'member' },
    { action: 'catalog.location.unregister', role: 'member', if: { owner: true } },
    { action: 'catalog.entity.delete', role: 'member', if: { owner: true } },
    { action: 'scaffolder.template.run', role: 'member' },
    { action: 'techdocs.publish', role: 'member', if: { owner: true } },
    { action: 'tokens.manage', role: 'member' },
    { action: '*', role: 'admin' },
  ],
};

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function parseGrant(grant: string, where: string): string {
  const g = grant.trim().toLowerCase();
  if (g === '*') return g;
  const problem = new Error(`${where}: "${grant}" is not *, github-user:<login>, github-org:<org>, github-team:<org>/<team> or an entity ref`);
  if (g.startsWith('github-')) {
    if (/^github-(user|org):[a-z0-9-]+$/.test(g) || /^github-team:[a-z0-9-]+\/[a-z0-9._-]+$/.test(g)) return g;
    throw problem;
  }
  try {
    return stringifyEntityRef(parseEntityRef(g));
  } catch {
    throw problem;
  }
}

function actionPattern(action: unknown, where: string): string {
  if (typeof action !== 'string') throw new Error(`${where}.action must be a string`);
  if (action === '*' || isAction(action)) return action;
  if (action.endsWith('.*') && Object.keys(ACTIONS).some((a) => a.startsWith(action.slice(0, -1)))) return action;
  throw new Error(`${where}.action "${action}" is not one of ${Object.keys(ACTIONS).join(', ')} (or a prefix.* of them, or *)`);
}

function parseCondition(value: unknown, where: string): RuleCondition | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}.if must be an object`);
  const c = value as Record<string, unknown>;
  const unknown = Object.keys(c).filter((k) => !['owner', 'kind', 'ref'].includes(k));
  if (unknown.length) throw new Error(`${where}.if has unknown condition ${unknown.join(', ')} (owner, kind, ref)`);
  if (c.owner !== undefined && c.owner !== true) throw new Error(`${where}.if.owner can only be true`);
  if (c.kind !== undefined && !isStringArray(c.kind)) throw new Error(`${where}.if.kind must be an array of kinds`);
  if (c.ref !== undefined && !isStringArray(c.ref)) throw new Error(`${where}.if.ref must be an array of entity refs`);
  const refs = (c.ref as string[] | undefined)?.map((r) => {
    try {
      return stringifyEntityRef(parseEntityRef(r));
    } catch {
      throw new Error(`${where}.if.ref: "${r}" is not a full entity ref (kind:namespace/name)`);
    }
  });
  return {
    ...(c.owner ? { owner: true } : {}),
    ...(c.kind ? { kind: (c.kind as string[]).map((k) => k.toLowerCase()) } : {}),
    ...(refs ? { ref: refs } : {}),
  };
}

/**
 * Parses `AUTH_POLICY` (a JSON string, or a table in wrangler.toml): `{roles?, rules?}`, each
 * part replacing its default. Anything malformed throws: a policy is never half-applied.
 */
export function parsePolicy(input: unknown): Policy {
  if (input === undefined || input === null || (typeof input === 'string' && !input.trim())) return DEFAULT_POLICY;
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw new Error(`AUTH_POLICY is not JSON: ${(err as Error).message}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('AUTH_POLICY must be an object {roles?, rules?}');
  const v = value as { roles?: unknown; rules?: unknown };
  let roles = DEFAULT_POLICY.roles;
  if (v.roles !== undefined) {
    if (typeof v.roles !== 'object' || v.roles === null || Array.isArray(v.roles)) throw new Error('AUTH_POLICY.roles must be an object');
    const given = v.roles as Record<string, unknown>;
    const unknown = Object.keys(given).filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) throw new Error(`AUTH_POLICY.roles: unknown role ${unknown.join(', ')} (${ROLES.join(', ')})`);
    roles = { viewer: [], member: [], admin: [] };
    for (const role of ROLES) {
      const grants = given[role] ?? [];
      if (!isStringArray(grants)) throw new Error(`AUTH_POLICY.roles.${role} must be an array of strings`);
      roles[role] = grants.map((g) => parseGrant(g, `AUTH_POLICY.roles.${role}`));
    }
  }
  let rules = DEFAULT_POLICY.rules;
  if (v.rules !== undefined) {
    if (!Array.isArray(v.rules)) throw new Error('AUTH_POLICY.rules must be an array');
    rules = v.rules.map((raw: unknown, i) => {
      const where = `AUTH_POLICY.rules[${i}]`;
      const r = raw as { action?: unknown; role?: unknown; if?: unknown } | null;
      if (typeof r !== 'object' || r === null) throw new Error(`${where} must be an object`);
      if (typeof r.role !== 'string' || !(ROLES as readonly string[]).includes(r.role)) throw new Error(`${where}.role must be one of ${ROLES.join(', ')}`);
      const condition = parseCondition(r.if, where);
      return { action: actionPattern(r.action, where), role: r.role as Role, ...(condition ? { if: condition } : {}) };
    });
  }
  return { roles, rules };
}

function holds(grant: string, subject: Subject): boolean {
  if (grant === '*') return true;
  const gh = subject.github;
  if (grant.startsWith('github-user:')) return gh?.login === grant.slice('github-user:'.length);
  if (grant.startsWith('github-org:')) return !!gh?.orgs.includes(grant.slice('github-org:'.length));
  if (grant.startsWith('github-team:')) return !!gh?.teams.includes(grant.slice('github-team:'.length));
  return subject.ownershipEntityRefs.includes(grant);
}

/** The highest role the subject holds, if any. */
export function roleOf(subject: Subject, policy: Policy): Role | undefined {
  if (subject.guest) return 'admin';
  for (let i = ROLES.length - 1; i >= 0; i--) {
    const role = ROLES[i]!;
    if (policy.roles[role].some((g) => holds(g, subject))) return role;
  }
  return undefined;
}

const covers = (pattern: string, action: Action) =>
  pattern === '*' || pattern === action || (pattern.endsWith('.*') && action.startsWith(pattern.slice(0, -1)));

function conditionFilter(c: RuleCondition, subject: Subject): EntityFilter {
  const parts: EntityFilter[] = [];
  if (c.owner) parts.push({ key: 'relations.ownedby', values: subject.ownershipEntityRefs });
  if (c.kind) parts.push({ key: 'kind', values: c.kind });
  if (c.ref) {
    parts.push({
      any: c.ref.map((ref) => {
        const { kind, namespace, name } = parseEntityRef(ref);
        return { all: [{ key: 'kind', values: [kind] }, { key: 'metadata.namespace', values: [namespace] }, { key: 'metadata.name', values: [name] }] };
      }),
    });
  }
  return parts.length === 1 ? parts[0]! : { all: parts };
}

/** Decides one action for a subject: the union of every rule their role reaches, cut to their token's scopes. */
export function decide(subject: Subject, action: Action, policy: Policy, role = roleOf(subject, policy)): Decision {
  if (subject.scopes && !subject.scopes.some((s) => (SCOPES[s] as readonly Action[]).includes(action))) return { result: 'deny' };
  const rank = roleRank(role);
  const conditions: EntityFilter[] = [];
  for (const rule of policy.rules) {
    if (roleRank(rule.role) > rank || !covers(rule.action, action)) continue;
    if (!rule.if) return { result: 'allow' };
    conditions.push(conditionFilter(rule.if, subject));
  }
  if (conditions.length === 0) return { result: 'deny' };
  return { result: 'conditional', filter: conditions.length === 1 ? conditions[0]! : { any: conditions } };
}
