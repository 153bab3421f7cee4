import type { Config } from '../config';
import { isLocalRequest } from '../config';
import { NotConfiguredError } from '../lib/errors';

/** Keys derived from `AUTH_SESSION_SECRET`: one signs session JWTs, the other encrypts the OAuth transaction. */
export interface AuthKeys {
  session: Uint8Array;
  oauth: Uint8Array;
}

// Only ever used for requests addressed to this machine, so a deployment that forgot the
// secret refuses sessions instead of accepting ones anybody could sign.
const DEV_SECRET = 'greenroom-dev-session-secret';

const cache = new Map<string, Promise<AuthKeys>>();

async function derive(secret: string, purpose: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`greenroom/${purpose}\u0000${secret}`)));
}

/** The keys for a request; a deployed request without `AUTH_SESSION_SECRET` gets a clear 503. */
export function authKeys(config: Config, url: string): Promise<AuthKeys> {
  const secret = config.auth.sessionSecret ?? (isLocalRequest(url) ? DEV_SECRET : undefined);
  if (!secret) throw new NotConfiguredError('Sign-in is not configured: set the AUTH_SESSION_SECRET secret');
  let keys = cache.get(secret);
  if (!keys) {
    keys = Promise.all([derive(secret, 'session'), derive(secret, 'oauth')]).then(([session, oauth]) => ({ session, oauth }));
    cache.set(secret, keys);
  }
  return keys;
}
