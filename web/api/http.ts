import type { ErrorResponseBody } from './types';

/** A failed API call, carrying what the server said went wrong. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    /** The server's error name, e.g. `NotFoundError`; `NetworkError` when no response arrived. */
    readonly errorName: string,
    /** HTTP status, 0 when the request never got a response. */
    readonly status: number,
    /** `METHOD path` of the failed request, to show users what failed. */
    readonly request: string,
  ) {
    super(message);
  }
}

function isErrorBody(body: unknown): body is ErrorResponseBody {
  const error = (body as ErrorResponseBody | null)?.error;
  return typeof error?.message === 'string' && typeof error.name === 'string';
}

/** GETs a JSON document from the portal's own API, throwing `ApiError` on any failure. */
export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return call<T>('GET', path, undefined, signal);
}

/**
 * Sends a write to the portal's own API (JSON body, if any), throwing `ApiError` on any failure.
 * The browser adds `Origin`, which is what lets the server tell it from a cross-site forgery.
 */
export function sendJson<T = void>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return call<T>(method, path, body);
}

/** POSTs a query that only reads (e.g. `by-refs`), abortable like a GET. */
export function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return call<T>('POST', path, body, signal);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy error page or the SPA's index.html means the API is not behind this path.
    return undefined;
  }
}

/** Fetches a path of the portal, throwing `ApiError` when no response arrives or the server answers an error. */
export async function fetchOk(path: string, init: RequestInit = {}): Promise<Response> {
  const request = `${init.method ?? 'GET'} ${path}`;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new ApiError('The server could not be reached. Check your connection and try again.', 'NetworkError', 0, request);
  }
  if (!response.ok) {
    const parsed = parseJson(await response.text());
    if (isErrorBody(parsed)) throw new ApiError(parsed.error.message, parsed.error.name, response.status, request);
    throw new ApiError(`The server answered ${response.status} ${response.statusText}`.trim(), 'HttpError', response.status, request);
  }
  return response;
}

async function call<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetchOk(path, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal,
  });
  const text = await response.text();
  const parsed = parseJson(text);
  // Writes may answer 204 No Content; a read must always carry JSON.
  if (parsed === undefined && !(method !== 'GET' && text === '')) {
    throw new ApiError('The server answered with something that is not JSON.', 'ParseError', response.status, `${method} ${path}`);
  }
  return parsed as T;
}
