import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error that maps to an HTTP status and a Backstage error name. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    name: string,
    message: string,
  ) {
    super(message);
    this.name = name;
  }
}

/** 400: the request itself is wrong. */
export class InputError extends HttpError {
  constructor(message: string) {
    super(400, 'InputError', message);
  }
}

/** 404: what was asked for does not exist. */
export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'NotFoundError', message);
  }
}

/** 409: the request clashes with existing state. */
export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, 'ConflictError', message);
  }
}

/** 401: the request does not prove who sent it. */
export class AuthenticationError extends HttpError {
  constructor(message: string) {
    super(401, 'AuthenticationError', message);
  }
}

/** 503: a feature this request needs is not configured. */
export class NotConfiguredError extends HttpError {
  constructor(message: string) {
    super(503, 'ServiceUnavailableError', message);
  }
}

/** 403: the request is understood and refused. */
export class NotAllowedError extends HttpError {
  constructor(message: string) {
    super(403, 'NotAllowedError', message);
  }
}

/** 429: too many requests from one client for now. */
export class TooManyRequestsError extends HttpError {
  constructor(message: string) {
    super(429, 'TooManyRequestsError', message);
  }
}

/** Renders any thrown value as Backstage's error body `{error, request, response}`. */
export function errorResponse(err: unknown, c: Context): Response {
  const known = err instanceof HttpError;
  const status = known ? err.status : 500;
  const name = known ? err.name : 'Error';
  const message = known ? err.message : 'Internal server error';
  if (!known) console.error(err);
  const url = new URL(c.req.url);
  return c.json(
    {
      error: { name, message },
      request: { method: c.req.method, url: url.pathname + url.search },
      response: { statusCode: status },
    },
    status,
  );
}
