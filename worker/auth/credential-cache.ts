import { TtlCache } from '../lib/ttl-cache';

/**
 * How long an isolate trusts a session or token row it read from the database. Reading D1 on
 * every request would cost a round trip to the database's region each time, far above the
 * 1 ms the auth layer may add; so rows are kept briefly. Expiry is still checked on every
 * request, and revoking drops the row at once in the isolate that revoked it; another isolate
 * that holds it notices within this long.
 */
const CREDENTIAL_CACHE_MS = 10_000;

/** A cache of credential rows for one kind of credential. */
export const credentialCache = <V>() => new TtlCache<string, V>(CREDENTIAL_CACHE_MS, 10_000);
