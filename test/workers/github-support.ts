import { env, SELF } from 'cloudflare:test';
import { expect, vi } from 'vitest';
import examples from '@octokit/webhooks-examples';
import { GithubStandin } from '../../scripts/lib/github-standin';
import { signDelivery, WebhookFactory, type WebhookExamples } from '../../scripts/lib/github-webhooks';
import { clearCatalog } from './support';

export const SECRET = env.GITHUB_WEBHOOK_SECRET as string;
export const PREVIOUS_SECRET = env.GITHUB_WEBHOOK_SECRET_PREVIOUS as string;

let firstId = 10_000;

/** GitHub for one test: the stand-in answering the Worker's API calls, and webhook payloads for it. */
export interface FakeGithub {
  github: GithubStandin;
  hooks: WebhookFactory;
  /** URLs the Worker fetched that are not GitHub's API (should stay empty). */
  elsewhere: string[];
}

/**
 * Stands GitHub in at the HTTP boundary: the Worker's outbound fetches to the configured API go to
 * a fresh stand-in (ids never reused across tests, so no cache can hide a bug), unless `fault`
 * answers first (an error response, or an Error thrown as a network failure); anything else is
 * recorded and refused.
 */
export interface FakeGithubOptions {
  fault?: (request: Request) => Response | Error | undefined;
  /** Reuse the ids of an earlier stand-in (to compare two runs of one story). */
  firstId?: number;
}

export function fakeGithub(options: FakeGithubOptions = {}): FakeGithub {
  const github = new GithubStandin({
    apiUrl: env.GITHUB_API_URL as string,
    webHost: env.GITHUB_HOST,
    appId: env.GITHUB_APP_ID as string,
    publicKeyPem: env.TEST_GITHUB_PUBLIC_KEY,
    firstId: options.firstId ?? (firstId += 10_000),
  });
  const elsewhere: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.startsWith(`${github.apiUrl}/`)) {
      const fault = options.fault?.(request);
      if (fault instanceof Error) throw fault;
      return fault ?? github.fetch(request);
    }
    elsewhere.push(request.url);
    return new Response('Not Found', { status: 404 });
  });
  return { github, hooks: new WebhookFactory(examples as unknown as WebhookExamples[], github), elsewhere };
}

/** Empties the catalog and the integration's tables. */
export async function clearAll(): Promise<void> {
  await clearCatalog();
  await env.DB.batch(
    ['github_deliveries', 'github_repositories', 'github_installations', 'github_runs', 'github_run_items', 'github_locks', 'github_lock_waiters', 'github_failures'].map((t) =>
      env.DB.prepare(`DELETE FROM ${t}`),
    ),
  );
}

/** Sends a delivery signed with `secret` (the current one by default) to the webhook route. */
export async function deliver(event: string, payload: unknown, options: { secret?: string; id?: string } = {}): Promise<Response> {
  const delivery = await signDelivery(options.secret ?? SECRET, event, payload, options.id);
  return SELF.fetch('http://localhost/api/github/webhook', { method: 'POST', headers: delivery.headers, body: delivery.body });
}

/** Sends a delivery and expects it accepted. */
export async function accept(event: string, payload: unknown, options: { id?: string } = {}): Promise<void> {
  const res = await deliver(event, payload, options);
  expect(res.status, await res.clone().text()).toBe(202);
}

interface Status {
  idle: boolean;
  repositories: Record<string, number>;
  deliveries: { received: number; pending: number };
  failures: { retrying: number; dead: number };
  runs: { id: string; finished: boolean; repositories: { total: number; done: number; failed: number }; installations: { expected: number | null; done: number } }[];
}

/** GET /api/github/status. */
export async function status(): Promise<Status> {
  return (await (await SELF.fetch('http://localhost/api/github/status')).json()) as Status;
}

/** Waits until everything received has been processed (the queue consumer runs on its own). */
export async function settle(timeoutMs = 20_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await status();
    if (s.idle) return s;
    if (Date.now() > deadline) throw new Error(`GitHub work did not settle: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The catalog as comparable data: every entity by ref, without the ids and timestamps that differ between runs. */
export async function catalogState(): Promise<Record<string, unknown>> {
  const res = await SELF.fetch('http://localhost/api/catalog/entities?order=asc:metadata.name');
  const entities = (await res.json()) as { kind: string; metadata: Record<string, unknown>; spec?: unknown; relations?: unknown }[];
  const out: Record<string, unknown> = {};
  for (const e of entities) {
    const { uid: _uid, etag: _etag, ...metadata } = e.metadata;
    const ref = `${e.kind}:${String(e.metadata.namespace ?? 'default')}/${String(e.metadata.name)}`.toLowerCase();
    out[ref] = { metadata, spec: e.spec, relations: e.relations };
  }
  return out;
}

/** Refs of the catalog's entities of a kind. */
export async function refs(kind: string): Promise<string[]> {
  const res = await SELF.fetch(`http://localhost/api/catalog/entities?filter=kind=${kind}&fields=kind,metadata.name,metadata.namespace`);
  const entities = (await res.json()) as { kind: string; metadata: { name: string; namespace?: string } }[];
  return entities.map((e) => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase()).sort();
}

/** A catalog-info.yaml declaring one component. */
export function component(name: string, extra: Record<string, string> = {}): string {
  const lines = Object.entries({ type: 'service', lifecycle: 'production', owner: 'platform', ...extra }).map(([k, v]) => `  ${k}: ${v}`);
  return `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n${lines.join('\n')}\n`;
}
