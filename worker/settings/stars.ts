import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';

/** One starred entity of a user. */
export interface Star {
  entityRef: string;
  starredAt: string;
}

/** How many entities one user may star: enough for anyone, and a bound on what one account can store. */
export const MAX_STARS = 500;

/** A user's stars, newest first. */
export function listStars(db: Database, userRef: string): Promise<Star[]> {
  return db.all<Star>(
    sql`SELECT entity_ref AS entityRef, starred_at AS starredAt FROM user_starred_entities WHERE user_ref = ${userRef} ORDER BY starred_at DESC, entity_ref`,
  );
}

/**
 * Stars an entity for a user, keeping the first time it was starred when it already is. Answers
 * false, writing nothing, when the user already has `MAX_STARS` other stars.
 */
export async function addStar(db: Database, userRef: string, entityRef: string, now: string): Promise<boolean> {
  const [room] = await db.all<{ ok: number }>(sql`
    SELECT EXISTS (SELECT 1 FROM user_starred_entities WHERE user_ref = ${userRef} AND entity_ref = ${entityRef})
        OR (SELECT count(*) FROM user_starred_entities WHERE user_ref = ${userRef}) < ${MAX_STARS} AS ok`);
  if (!room?.ok) return false;
  await db.writeBatch([
    sql`INSERT INTO user_starred_entities (user_ref, entity_ref, starred_at) VALUES (${userRef}, ${entityRef}, ${now})
        ON CONFLICT (user_ref, entity_ref) DO NOTHING`,
  ]);
  return true;
}

/** Removes a star; removing one that is not there is not an error. */
export function removeStar(db: Database, userRef: string, entityRef: string): Promise<void> {
  return db.writeBatch([sql`DELETE FROM user_starred_entities WHERE user_ref = ${userRef} AND entity_ref = ${entityRef}`]);
}
