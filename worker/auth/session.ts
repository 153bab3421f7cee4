import { bytesToBase64Url } from '../lib/base64';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { jwtVerify, SignJWT } from 'jose';
import type { Database } from '../db/client';
import type { AppEnv } from '../env';
import { AuthenticationError } from '../lib/errors';
import { credentialCache } from './credential-cache';
import type { Identity } from './identity';

/**
 * `__Host-` makes browsers refuse the cookie unless it is Secure, host-only and for `/`, so no
 * sibling subdomain can plant or overwrite a session.
 */
export const SESSION_COOKIE = '__Host-greenroom-session';
const ISSUER = 'greenroom';
const AUDIENCE = 'greenroom-session';
/** Refreshing slides a session forward, but never past this long after sign-in. */
const MAX_SESSION_MS = 30 * 24 * 60 * 60_000;

/** Session rows by id, so most requests verify a cookie without reading the database. */
const rows = credentialCache<SessionRow>();

/** A live session. */
export interface Session {
  id: string;
  identity: Identity;
  createdAt: string;
  expiresAt: string;
}

interface SessionRow {
  id: string;
  user_ref: string;
  identity: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return bytesToBase64Url(bytes);
}

/** Stores a new session for `identity`, lasting `hours`. */
export async function createSession(db: Database, identity: Identity, hours: number): Promise<Session> {
  const now = new Date();
  const session: Session = { id: randomId(), identity, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString() };
  await db.writeBatch([
    sql`INSERT INTO auth_sessions (id, user_ref, identity, created_at, expires_at)
        VALUES (${session.id}, ${identity.userEntityRef}, ${JSON.stringify(identity)}, ${session.createdAt}, ${session.expiresAt})`,
  ]);
  return session;
}

/** Moves a session's expiry `hours` ahead (capped) with a re-resolved identity; the caller re-issues the cookie. */
export async function extendSession(db: Database, session: Session, identity: Identity, hours: number): Promise<Session> {
  const cap = new Date(session.createdAt).getTime() + MAX_SESSION_MS;
  const expiresAt = new Date(Math.min(Date.now() + hours * 3_600_000, cap)).toISOString();
  await db.writeBatch([
    sql`UPDATE auth_sessions SET identity = ${JSON.stringify(identity)}, expires_at = ${expiresAt} WHERE id = ${session.id} AND revoked_at IS NULL`,
  ]);
  rows.deleteWhere((r) => r.id === session.id);
  return { ...session, identity, expiresAt };
}

/** Signs the cookie for a session and sets it: HttpOnly, Secure, SameSite=Lax, expiring with the session. */
export async function setSessionCookie(c: Context<AppEnv>, key: Uint8Array, session: Session): Promise<void> {
  const expires = new Date(session.expiresAt);
  const jwt = await new SignJWT({ sid: session.id })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(session.identity.userEntityRef)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expires.getTime() / 1000))
    .sign(key);
  // Lax, not Strict: the OAuth callback arrives as a top-level navigation from GitHub and must
  // land signed in; cross-site writes are refused by the CSRF check whatever the cookie does.
  setCookie(c, SESSION_COOKIE, jwt, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', expires });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
}

/** The session cookie's value, if the request has one. */
export const sessionCookie = (c: Context<AppEnv>): string | undefined => getCookie(c, SESSION_COOKIE) || undefined;

/**
 * The session a cookie names. A cookie that does not verify (tampered, wrong key), has expired,
 * or names a revoked or unknown session is refused with 401, never silently ignored.
 */
export async function readSession(db: Database, key: Uint8Array, cookie: string): Promise<Session> {
  let sid: unknown;
  try {
    ({ payload: { sid } } = await jwtVerify(cookie, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }));
  } catch {
    throw new AuthenticationError('The session is invalid or has expired; sign in again');
  }
  if (typeof sid !== 'string') throw new AuthenticationError('The session is invalid; sign in again');
  let row = rows.get(sid);
  if (!row) {
    [row] = await db.all<SessionRow>(sql`SELECT id, user_ref, identity, created_at, expires_at, revoked_at FROM auth_sessions WHERE id = ${sid}`);
    if (row) rows.set(sid, row);
  }
  if (!row || row.revoked_at) throw new AuthenticationError('The session was signed out; sign in again');
  if (row.expires_at <= new Date().toISOString()) throw new AuthenticationError('The session has expired; sign in again');
  return { id: row.id, identity: JSON.parse(row.identity) as Identity, createdAt: row.created_at, expiresAt: row.expires_at };
}

/** Signs out one session. */
export async function revokeSession(db: Database, id: string): Promise<void> {
  await db.writeBatch([sql`UPDATE auth_sessions SET revoked_at = ${new Date().toISOString()} WHERE id = ${id} AND revoked_at IS NULL`]);
  rows.deleteWhere((r) => r.id === id);
}

/** Signs a user out everywhere: every session of theirs is revoked. Returns how many were live. */
export async function revokeUserSessions(db: Database, userRef: string): Promise<number> {
  const revoked = await db.all<{ id: string }>(
    sql`UPDATE auth_sessions SET revoked_at = ${new Date().toISOString()} WHERE user_ref = ${userRef} AND revoked_at IS NULL RETURNING id`,
  );
  rows.deleteWhere((r) => r.user_ref === userRef);
  return revoked.length;
}

/** Forgets sessions that ended more than a day ago (run by the cron trigger). */
export function pruneSessionsSql(before: Date) {
  return sql`DELETE FROM auth_sessions WHERE expires_at < ${before.toISOString()} OR revoked_at < ${before.toISOString()}`;
}
