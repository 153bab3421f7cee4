import { DEFAULT_GITHUB_HOSTS, githubRawUrl } from './scm-url';
import { DecodeError, decodeUtf8, MAX_DESCRIPTOR_BYTES } from './yaml';

/** Reads the text a location URL points at. */
export interface UrlReader {
  read(url: string): Promise<string>;
  /** Hosts whose file URLs follow GitHub's `/<owner>/<repo>/blob/<ref>/<path>` layout; github.com when absent. */
  readonly githubHosts?: ReadonlySet<string>;
}

export type ReaderErrorCode = 'not-allowed' | 'not-found' | 'too-large' | 'invalid-utf8' | 'fetch-failed';

/** Why a URL could not be read; `fetch-failed` is the only one worth retrying. */
export class ReaderError extends Error {
  constructor(
    readonly code: ReaderErrorCode,
    readonly url: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ReaderError';
  }
}

/**
 * Reads the files of one host through an integration (e.g. a GitHub App's API) instead of plain
 * HTTPS. It answers like fetch would for the file itself: 404 when absent, non-2xx on failure.
 */
export interface HostReader {
  /** The host (lowercase, with port if not 443) whose https URLs it reads. */
  host: string;
  /** Whether the host lays out file URLs as GitHub does (GitHub Enterprise Server). */
  githubLayout?: boolean;
  fetch(url: URL): Promise<Response>;
}

export interface UrlReaderOptions {
  /** Hosts (exact, case-insensitive, with port if not 443) whose https URLs may be read. */
  allowedHosts: string[];
  /** Hosts read through an integration; they count as allowed. */
  hostReaders?: HostReader[];
  /** Whether http(s)://localhost and 127.0.0.1 may be read (local development only). */
  allowLocalUrls: boolean;
  /** Largest body accepted; defaults to MAX_DESCRIPTOR_BYTES. */
  maxBytes?: number;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);
const MAX_REDIRECTS = 5;
const READ_TIMEOUT_MS = 15_000;

function isAllowed(url: URL, options: UrlReaderOptions, allowedHosts: ReadonlySet<string>): boolean {
  if (url.username || url.password) return false;
  if (LOCAL_HOSTS.has(url.hostname)) {
    return options.allowLocalUrls && (url.protocol === 'http:' || url.protocol === 'https:');
  }
  return url.protocol === 'https:' && allowedHosts.has(url.host);
}

async function readBody(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ReaderError('too-large', url, `${url} is ${declared} bytes, more than the ${maxBytes} bytes allowed`);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (e) {
      throw new ReaderError('fetch-failed', url, `Could not read ${url}: ${(e as Error).message}`);
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ReaderError('too-large', url, `${url} is more than the ${maxBytes} bytes allowed`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function fetchThroughIntegration(reader: HostReader, url: URL, requested: string): Promise<Response> {
  try {
    return await reader.fetch(url);
  } catch (e) {
    // The cause carries what the integration knows, e.g. when a rate limit lifts.
    throw new ReaderError('fetch-failed', requested, `Could not fetch ${requested}: ${(e as Error).message}`, { cause: e });
  }
}

async function fetchFollowingAllowed(
  start: URL,
  requested: string,
  allowed: (url: URL) => boolean,
): Promise<Response> {
  let current = start;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(current.href, { redirect: 'manual', signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
    } catch (e) {
      throw new ReaderError('fetch-failed', requested, `Could not fetch ${requested}: ${(e as Error).message}`);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) {
      throw new ReaderError('fetch-failed', requested, `Could not fetch ${requested}: more than ${MAX_REDIRECTS} redirects`);
    }
    const next = new URL(location, current);
    // A redirect may stay on the same origin, or go to a host that is allowed anyway; nowhere else.
    const sameOrigin = next.origin === current.origin && !next.username && !next.password;
    if (!sameOrigin && !allowed(next)) {
      throw new ReaderError('not-allowed', requested, `${requested} redirects to ${next.origin}, which is not an allowed host`);
    }
    current = next;
  }
}

/**
 * A reader over the global fetch that only reads https URLs on allowed hosts (and localhost
 * when enabled), reads integration hosts through their reader, maps github.com file URLs to raw
 * content otherwise, re-checks every redirect, and refuses bodies over the size limit or not in UTF-8.
 */
export function createUrlReader(options: UrlReaderOptions): UrlReader {
  const integrations = new Map((options.hostReaders ?? []).map((r) => [r.host.toLowerCase(), r]));
  const allowedHosts = new Set([...options.allowedHosts, ...integrations.keys()].map((h) => h.trim().toLowerCase()).filter(Boolean));
  const maxBytes = options.maxBytes ?? MAX_DESCRIPTOR_BYTES;
  const allowed = (url: URL) => isAllowed(url, options, allowedHosts);
  const githubHosts = new Set([...DEFAULT_GITHUB_HOSTS, ...[...integrations.values()].filter((r) => r.githubLayout).map((r) => r.host.toLowerCase())]);
  return {
    githubHosts,
    async read(url: string): Promise<string> {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new ReaderError('not-allowed', url, `"${url}" is not an absolute URL`);
      }
      if (!allowed(parsed)) {
        throw new ReaderError(
          'not-allowed',
          url,
          `Reading ${parsed.protocol}//${parsed.host} is not allowed; only https URLs on the configured catalog hosts can be read`,
        );
      }
      const integration = parsed.protocol === 'https:' ? integrations.get(parsed.host) : undefined;
      const response = integration
        ? await fetchThroughIntegration(integration, parsed, url)
        : await fetchFollowingAllowed(githubRawUrl(parsed) ?? parsed, url, allowed);
      if (response.status === 404) {
        await response.body?.cancel();
        throw new ReaderError('not-found', url, `${url} was not found`);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new ReaderError('fetch-failed', url, `Could not fetch ${url}: HTTP ${response.status}`);
      }
      const bytes = await readBody(response, url, maxBytes);
      try {
        return decodeUtf8(bytes, maxBytes);
      } catch (e) {
        if (e instanceof DecodeError) throw new ReaderError(e.code, url, `${url}: ${e.message}`);
        throw e;
      }
    },
  };
}
