import type { Context } from 'hono';
import { InputError } from '../../lib/errors';
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

/** The body's `values`: an object, `{}` when absent. */
export function valuesOf(body: Record<string, unknown>): Record<string, unknown> {
  const v = body.values ?? {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError('values must be an object');
  return v as Record<string, unknown>;
}

/** The body's `secrets`: an object, `{}` when absent. */
export function secretsOf(body: Record<string, unknown>): Record<string, unknown> {
  const s = body.secrets;
  if (s === undefined || s === null) return {};
  if (typeof s !== 'object' || Array.isArray(s)) throw new InputError('secrets must be an object of strings');
  return s as Record<string, unknown>;
}
