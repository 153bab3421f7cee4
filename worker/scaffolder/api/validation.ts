import type { Context } from 'hono';
import type { ParameterError } from '../template/parameters';

/** A 400 in Backstage's error format, with each problem listed under `errors` for the form. */
export function parameterErrors(c: Context, errors: ParameterError[]): Response {
  const url = new URL(c.req.url);
  const message = `Invalid parameters: ${errors.map((e) => (e.path ? `${e.path} ${e.message}` : e.message)).join('; ')}`;
  return c.json(
    { error: { name: 'InputError', message }, errors, request: { method: c.req.method, url: url.pathname + url.search }, response: { statusCode: 400 } },
    400,
  );
}

/**
 * The request body as an object, or undefined when it is not JSON (the caller answers 400).
 * Read through Hono, which keeps it: the permission check may have read it already.
 */
export async function jsonObject(c: Context): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = await c.req.json();
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
