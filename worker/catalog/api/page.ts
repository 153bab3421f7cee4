import type { AppEnv } from '../../env';
import type { Context } from 'hono';
import { InputError } from '../../lib/errors';
import { decodeCursor, encodeCursor, type CursorState } from '../query/cursor';
import { projectFields } from '../query/fields';
import type { EntityFilter } from '../query/filter';
import type { OrderField } from '../query/order';
import type { EntityRow } from '../store/read';

/** The first request of a query walk, however it arrived (GET params or POST body). */
export interface InitialQuery {
  filter?: EntityFilter;
  order: OrderField[];
  fullText?: { term: string; fields: string[] };
  offset?: number;
  withTotal: boolean;
  /** Whether the walk is a predicate query (its cursors must say so for Backstage's client). */
  predicate: boolean;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

/** Parses and bounds a page size. */
export function parseLimit(value: unknown, fallback = DEFAULT_PAGE_SIZE): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`Invalid limit "${String(value)}", expected a non-negative integer`);
  return Math.min(n, MAX_PAGE_SIZE);
}

/** Parses an offset. */
export function parseOffset(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`Invalid offset "${String(value)}", expected a non-negative integer`);
  return n;
}

/** Serialises rows as a JSON array, projecting fields when asked and copying stored JSON otherwise. */
export function itemsJson(rows: (EntityRow | undefined)[], fields: string[]): string {
  const parts = rows.map((r) => {
    if (!r) return 'null';
    return fields.length ? JSON.stringify(projectFields(JSON.parse(r.json) as object, fields)) : r.json;
  });
  return `[${parts.join(',')}]`;
}

/** Answers by-query: one page with `totalItems` and cursors, from either an initial query or a cursor. */
export async function queryPage(
  c: Context<AppEnv>,
  start: { initial: InitialQuery } | { cursor: string },
  limit: number,
  fields: string[],
): Promise<Response> {
  const secret = c.var.config.cursorSecret;
  let state: Omit<CursorState, 'direction' | 'boundary'>;
  let boundary: CursorState['boundary'] | undefined;
  let reverse = false;
  let offset: number | undefined;
  let withTotal = false;
  if ('cursor' in start) {
    const cursor = await decodeCursor(start.cursor, secret);
    const { direction, boundary: b, ...rest } = cursor;
    state = rest;
    boundary = b;
    reverse = direction === 'prev';
  } else {
    const q = start.initial;
    state = {
      order: q.order,
      ...(q.filter ? { filter: q.filter } : {}),
      ...(q.fullText ? { fullText: q.fullText } : {}),
      ...(q.predicate ? { query: true as const } : {}),
    };
    offset = q.offset;
    withTotal = q.withTotal;
  }
  const { rows, total } = await c.var.store.readPage({
    ...(state.filter ? { filter: state.filter } : {}),
    order: state.order,
    ...(state.fullText ? { fullText: state.fullText } : {}),
    limit: limit + 1,
    ...(offset ? { offset } : {}),
    ...(boundary ? { boundary } : {}),
    reverse,
    withTotal,
  });
  if (total !== undefined) state.totalItems = total;
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (reverse) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = reverse ? boundary !== undefined : more;
  const hasPrev = reverse ? more : boundary !== undefined || (offset ?? 0) > 0;
  const pageInfo: { nextCursor?: string; prevCursor?: string } = {};
  if (hasNext && last) pageInfo.nextCursor = await encodeCursor({ ...state, direction: 'next', boundary: last.sort }, secret);
  if (hasPrev && first) pageInfo.prevCursor = await encodeCursor({ ...state, direction: 'prev', boundary: first.sort }, secret);
  // Backstage answers 0 when the count was not asked for (`totalItems: 'exclude'`).
  const totalItems = state.totalItems ?? 0;
  return c.body(`{"items":${itemsJson(page, fields)},"totalItems":${totalItems},"pageInfo":${JSON.stringify(pageInfo)}}`, 200, {
    'content-type': 'application/json; charset=utf-8',
  });
}
