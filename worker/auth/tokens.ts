import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { hexDigest } from '../lib/digest';
import { bytesToBase64Url } from '../lib/base64';
import { AuthenticationError, InputError } from '../lib/errors';
import { isScope, type Scope } from './actions';
import type { TokenInfo } from './records';

export type { TokenInfo } from './records';
import { credentialCache } from './credential-cache';
import type { Identity } from './identity';

/** Secrets start with this, so scanners (and people) recognise a leaked one. */
const PREFIX = 'grt_';
/** Longest lifetime a token may be given. */
const MAX_TOKEN_DAYS = 366;
/** Last-used times are kept to the minute; a busy CI token does not cost a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;


interface TokenRow {
  id: string;
  name: string;
  user_ref: string;
  identity: string;
  scopes: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Token rows by secret hash, so most requests check a token without reading the database. */
const rows = credentialCache<TokenRow>();

const toInfo = (r: TokenRow): TokenInfo => ({
  id: r.id,
  name: r.name,
  userEntityRef: r.user_ref,
  scopes: JSON.parse(r.scopes) as Scope[],
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

// 256 random bits: a plain SHA-256 is enough to store them (nothing to brute-force, unlike passwords).
function hashSecret(secret: string): Promise<string> {
  return hexDigest('SHA-256', secret);
}

/** Checks a creation request: a name, known scopes, a lifetime in days within the maximum. */
export function parseTokenRequest(body: unknown): { name: string; scopes: Scope[]; days: number } {
  const b = (body ?? {}) as { name?: unknown; scopes?: unknown; expiresInDays?: unknown };
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name || name.length > 100) throw new InputError('A token needs a name of 1 to 100 characters');
  if (!Array.isArray(b.scopes) || b.scopes.length === 0 || !b.scopes.every((s) => typeof s === 'string' && isScope(s))) {
    throw new InputError('scopes must be a non-empty array of catalog:read, catalog:write, techdocs:publish, scaffolder:run');
  }
  const days = b.expiresInDays === undefined ? 90 : Number(b.expiresInDays);
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) throw new InputError(`expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}`);
  return { name, scopes: [...new Set(b.scopes as Scope[])], days };
}

/** Creates a token acting as `identity` within `scopes`; the secret is returned here and never again. */
export async function createToken(
  db: Database,
  identity: Identity,
  request: { name: string; scopes: Scope[]; days: number },
): Promise<{ secret: string; token: TokenInfo }> {
  const secret = PREFIX + bytesToBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const now = new Date();
  const row: TokenRow = {
    id: crypto.randomUUID(),
    name: request.name,
    user_ref: identity.userEntityRef,
    identity: JSON.stringify(identity),
    scopes: JSON.stringify(request.scopes),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + request.days * 86_400_000).toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await db.writeBatch([
    sql`INSERT INTO auth_tokens (id, hash, name, user_ref, identity, scopes, created_at, expires_at)
        VALUES (${row.id}, ${await hashSecret(secret)}, ${row.name}, ${row.user_ref}, ${row.identity}, ${row.scopes}, ${row.created_at}, ${row.expires_at})`,
  ]);
  return { secret, token: toInfo(row) };
}

/**
 * The token a bearer secret belongs to, with the identity it acts as. Unknown, revoked and
 * expired tokens are all refused with 401.
 */
export async function readToken(db: Database, secret: string): Promise<{ token: TokenInfo; identity: Identity }> {
  if (!secret.startsWith(PREFIX)) throw new AuthenticationError('Unknown API token');
  const hash = await hashSecret(secret);
  let row = rows.get(hash);
  if (!row) {
    [row] = await db.all<TokenRow>(sql`SELECT * FROM auth_tokens WHERE hash = ${hash}`);
    if (row) rows.set(hash, row);
  }
  if (!row) throw new AuthenticationError('Unknown API token');
  if (row.revoked_at) throw new AuthenticationError('This API token was revoked');
  const now = new Date();
  if (row.expires_at <= now.toISOString()) throw new AuthenticationError('This API token has expired');
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
    row.last_used_at = now.toISOString();
    await db.writeBatch([sql`UPDATE auth_tokens SET last_used_at = ${row.last_used_at} WHERE id = ${row.id}`]);
  }
  return { token: toInfo(row), identity: JSON.parse(row.identity) as Identity };
}

/** A user's tokens (or everyone's, for `undefined`), newest first. */
export async function listTokens(db: Database, userRef: string | undefined): Promise<TokenInfo[]> {
  const where = userRef === undefined ? sql`1` : sql`user_ref = ${userRef}`;
  return (await db.all<TokenRow>(sql`SELECT * FROM auth_tokens WHERE ${where} ORDER BY created_at DESC, id`)).map(toInfo);
}

/** One token by id. */
export async function getToken(db: Database, id: string): Promise<TokenInfo | undefined> {
  const [row] = await db.all<TokenRow>(sql`SELECT * FROM auth_tokens WHERE id = ${id}`);
  return row && toInfo(row);
}

/** Revokes a token; it stops working on the next request. */
export async function revokeToken(db: Database, id: string): Promise<void> {
  await db.writeBatch([sql`UPDATE auth_tokens SET revoked_at = ${new Date().toISOString()} WHERE id = ${id} AND revoked_at IS NULL`]);
  rows.deleteWhere((r) => r.id === id);
}

/** Forgets tokens that expired or were revoked long ago (run by the cron trigger). */
export function pruneTokensSql(before: Date) {
  return sql`DELETE FROM auth_tokens WHERE expires_at < ${before.toISOString()} OR revoked_at < ${before.toISOString()}`;
}
