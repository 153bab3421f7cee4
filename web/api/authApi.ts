import { getJson, sendJson } from './http';
// The permission vocabulary is shared with the Worker, so both sides agree on one list.
import type { Action, Role, Scope } from '../../worker/auth/actions';
import type { AuditEntry, TokenInfo } from '../../worker/auth/records';

export type { Action, Role, Scope } from '../../worker/auth/actions';

/** What the policy says about an action in general: `conditional` means "for some entities". */
export type Permission = 'allow' | 'deny' | 'conditional';

/** Answer of `GET /api/auth/me`. */
export type Me =
  | { signedIn: false; signIn: { github: boolean } }
  | {
      signedIn: true;
      signIn: { github: boolean };
      via: 'session' | 'token' | 'guest';
      guest: boolean;
      role: Role | null;
      identity: {
        userEntityRef: string;
        ownershipEntityRefs: string[];
        displayName: string;
        email?: string;
        picture?: string;
        login?: string;
        inCatalog: boolean;
      };
      permissions: Record<Action, Permission>;
    };

/** One question for `POST /api/auth/authorize`. */
export interface AuthorizeItem {
  action: Action;
  resource?: { entityRef?: string; locationId?: string };
}

/** An API token as listed (never its secret). */
export type ApiToken = TokenInfo;

/** One record of the audit log, with its position for paging. */
export type AuditRecord = AuditEntry & { id: number };

/** Typed client for `/api/auth`. */
export const authApi = {
  /** Who is signed in, and what the policy lets them do. */
  me: () => getJson<Me>('/api/auth/me'),

  /** Asks the policy about specific actions (per entity or location); true where allowed. */
  async authorize(items: AuthorizeItem[]): Promise<boolean[]> {
    const answer = await sendJson<{ items: { result: 'ALLOW' | 'DENY' }[] }>('POST', '/api/auth/authorize', { items });
    return answer.items.map((i) => i.result === 'ALLOW');
  },

  /** Where the browser goes to sign in with GitHub, coming back to `returnTo`. */
  signInUrl: (returnTo: string) => `/api/auth/github/start?redirect=${encodeURIComponent(returnTo)}`,

  /** Ends this session. */
  signOut: () => sendJson<unknown>('POST', '/api/auth/github/logout'),

  /** Ends every session of the signed-in user, on every device. */
  signOutEverywhere: () => sendJson<{ revoked: number }>('DELETE', '/api/auth/sessions'),

  /** The signed-in user's API tokens. */
  tokens: () => getJson<{ items: ApiToken[] }>('/api/auth/tokens').then((r) => r.items),

  /** Creates a token; its `secret` is shown now and never again. */
  createToken: (request: { name: string; scopes: Scope[]; expiresInDays: number }) =>
    sendJson<{ secret: string; token: ApiToken }>('POST', '/api/auth/tokens', request),

  /** Revokes a token. */
  revokeToken: (id: string) => sendJson('DELETE', `/api/auth/tokens/${encodeURIComponent(id)}`),

  /** A page of the audit log, newest first; `before` continues after the last page. */
  audit: (before?: number) => getJson<{ items: AuditRecord[]; next?: number }>(`/api/auth/audit?limit=50${before ? `&before=${before}` : ''}`),
};
