// Types of the Node-only launcher scripts the outside-in tests drive (plain .mjs, not type-checked).

declare module '*/scripts/lib/portal.mjs' {
  export interface Portal {
    url: string;
    persistTo: string;
    stop(): Promise<void>;
    exited: Promise<{ code: number | null; signal: string | null }>;
  }
  export function startPortal(options?: {
    port?: number;
    persistTo?: string;
    vars?: Record<string, string>;
    logLevel?: string;
    stdio?: 'pipe' | 'inherit';
    healthTimeoutMs?: number;
    log?: (line: string) => void;
  }): Promise<Portal>;
  export function freePort(): Promise<number>;
}

declare module '*/scripts/serve-folder.mjs' {
  import type { Server } from 'node:http';
  export function serveFolder(dir: string, port?: number, options?: { host?: string; log?: (line: string) => void }): Promise<Server>;
}

declare module '*/scripts/lib/github-oauth-standin-server.mjs' {
  import type { GithubOAuthStandin, StandinUser } from '../../../scripts/lib/github-oauth-standin';
  export interface OAuthStandinServer {
    url: string;
    oauth: GithubOAuthStandin;
    vars: Record<string, string>;
    close(): Promise<void>;
  }
  export function startGithubOAuthStandin(options?: { users?: StandinUser[]; port?: number }): Promise<OAuthStandinServer>;
  export function signInWithoutBrowser(portalUrl: string, standin: OAuthStandinServer, login: string): Promise<string>;
}

declare module '*/scripts/lib/github-standin-server.mjs' {
  import type { GithubStandin } from '../../../scripts/lib/github-standin';
  import type { WebhookFactory } from '../../../scripts/lib/github-webhooks';
  export interface GithubStandinServer {
    url: string;
    github: GithubStandin;
    hooks: WebhookFactory;
    vars: Record<string, string>;
    deliver(portalUrl: string, event: string, payload: unknown, id?: string): Promise<number>;
    close(): Promise<void>;
  }
  export function startGithubStandin(options?: { port?: number; catalogPaths?: string }): Promise<GithubStandinServer>;
}
