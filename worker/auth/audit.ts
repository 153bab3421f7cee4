import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { AuditEntry } from './records';

export type { AuditEntry } from './records';


/** Appends one record. */
export async function writeAudit(db: Database, e: AuditEntry): Promise<void> {
  await db.writeBatch([
    sql`INSERT INTO auth_audit (at, actor, via, token_id, action, method, path, status, detail, ip)
        VALUES (${e.at}, ${e.actor}, ${e.via}, ${e.tokenId ?? null}, ${e.action}, ${e.method}, ${e.path}, ${e.status}, ${e.detail ?? null}, ${e.ip ?? null})`,
  ]);
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  via: AuditEntry['via'];
  token_id: string | null;
  action: string;
  method: string;
  path: string;
  status: number;
  detail: string | null;
  ip: string | null;
}

/** A page of the log, newest first; `before` is the id to continue below. */
export async function readAudit(db: Database, limit: number, before?: number, actor?: string): Promise<{ items: (AuditEntry & { id: number })[]; next?: number }> {
  const rows = await db.all<AuditRow>(sql`
    SELECT * FROM auth_audit WHERE ${before ? sql`id < ${before}` : sql`1`} AND ${actor ? sql`actor = ${actor}` : sql`1`}
    ORDER BY id DESC LIMIT ${limit + 1}`);
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    via: r.via,
    ...(r.token_id ? { tokenId: r.token_id } : {}),
    action: r.action,
    method: r.method,
    path: r.path,
    status: r.status,
    ...(r.detail ? { detail: r.detail } : {}),
    ...(r.ip ? { ip: r.ip } : {}),
  }));
  const last = items[items.length - 1];
  return { items, ...(rows.length > limit && last ? { next: last.id } : {}) };
}
