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
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const request = `GET ${path}`;
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError('The server could not be reached. Check your connection and try again.', 'NetworkError', 0, request);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy error page or the SPA's index.html means the API is not behind this path.
    body = undefined;
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(body.error.message, body.error.name, response.status, request);
    throw new ApiError(`The server answered ${response.status} ${response.statusText}`.trim(), 'HttpError', response.status, request);
  }
  if (body === undefined) {
    throw new ApiError('The server answered with something that is not JSON.', 'ParseError', response.status, request);
  }
  return body as T;
}
