// Records the API returns, declared without runtime imports so the web app can share them.
import type { Scope } from './actions';

/** A token as its owner (or an admin) sees it: never the secret. */
export interface TokenInfo {
  id: string;
  name: string;
  userEntityRef: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One audit record: who did what, how, when, and how it ended. */
export interface AuditEntry {
  at: string;
  /** The acting user's entity ref (or, for a refused sign-in, `github:<login>`). */
  actor: string;
  via: 'session' | 'token' | 'guest' | 'sign-in';
  tokenId?: string;
  /** The policy action (or `auth.*` for sign-in events). */
  action: string;
  method: string;
  path: string;
  status: number;
  detail?: string;
  ip?: string;
}
