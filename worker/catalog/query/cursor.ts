import { base64ToBytes, bytesToBase64 } from '../../lib/base64';
import { InputError } from '../../lib/errors';
import type { EntityFilter } from './filter';
import type { OrderField } from './order';

/** Everything needed to continue a by-query walk; signed so a client cannot alter it. */
export interface CursorState {
  filter?: EntityFilter;
  order: OrderField[];
  fullText?: { term: string; fields: string[] };
  /** Set when the walk began as a predicate query: Backstage's client then keeps POSTing. */
  query?: true;
  totalItems?: number;
  /** Which way this cursor pages from `boundary`. */
  direction: 'next' | 'prev';
  /** Sort values of the boundary row, then its id. */
  boundary: (string | number | null)[];
}

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(secret, key);
  }
  return key;
}

/** Encodes a cursor as base64 JSON with an HMAC over the state. */
export async function encodeCursor(state: CursorState, secret: string): Promise<string> {
  const body = JSON.stringify(state);
  const sig = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(body));
  return bytesToBase64(new TextEncoder().encode(JSON.stringify({ ...(state.query ? { query: true } : {}), s: body, h: bytesToBase64(new Uint8Array(sig)) })));
}

/** Decodes and verifies a cursor; anything altered or malformed is a 400. */
export async function decodeCursor(cursor: string, secret: string): Promise<CursorState> {
  const invalid = new InputError('Malformed cursor: it was altered or does not come from this server');
  let wrapper: { s?: unknown; h?: unknown };
  try {
    if (cursor.length > 16_384) throw invalid;
    wrapper = JSON.parse(new TextDecoder().decode(base64ToBytes(cursor))) as typeof wrapper;
  } catch {
    throw invalid;
  }
  if (typeof wrapper?.s !== 'string' || typeof wrapper.h !== 'string') throw invalid;
  let ok = false;
  try {
    ok = await crypto.subtle.verify('HMAC', await hmacKey(secret), base64ToBytes(wrapper.h), new TextEncoder().encode(wrapper.s));
  } catch {
    throw invalid;
  }
  if (!ok) throw invalid;
  const state = JSON.parse(wrapper.s) as CursorState;
  // Cursors from before entities were ordered by id end their boundary with a ref instead.
  if (typeof state.boundary?.at(-1) !== 'number') throw new InputError('Expired cursor: start the query again');
  return state;
}
