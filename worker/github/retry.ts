/** When GitHub says to come back later, and how long to wait before trying again. */

import { ReaderError } from '../catalog/ingest/reader';
import { GithubUnavailableError } from './errors';

/** Longest wait spent inside one job; anything longer goes back to the queue with that delay. */
export const MAX_INLINE_WAIT_MS = 5_000;
/** Attempts of one request inside a job before the job itself is retried by the queue. */
export const MAX_INLINE_ATTEMPTS = 3;
const BASE_BACKOFF_MS = 100;
// GitHub's advice for a secondary rate limit that names no time: wait at least a minute.
const SECONDARY_LIMIT_WAIT_MS = 60_000;

/** Exponential backoff with full jitter: attempt 1 waits up to 200 ms, attempt 2 up to 400 ms, … */
export function backoffMs(attempt: number, random = Math.random): number {
  return Math.round(BASE_BACKOFF_MS * 2 ** attempt * (0.5 + random() / 2));
}

/**
 * Whether a response is GitHub asking to retry, and after how long (ms): 5xx and 429 always;
 * 403 only as a rate limit (primary: `x-ratelimit-remaining: 0`; secondary: `retry-after` or its
 * message). `retry-after` wins, then `x-ratelimit-reset`, then backoff. `undefined`: do not retry.
 */
export function retryDelayMs(
  res: { status: number; headers: Headers },
  body: string,
  attempt: number,
  nowMs = Date.now(),
  random = Math.random,
): number | undefined {
  const retryAfter = res.headers.get('retry-after');
  const remaining = res.headers.get('x-ratelimit-remaining');
  const reset = res.headers.get('x-ratelimit-reset');
  const secondary = /secondary rate limit/i.test(body);
  const rateLimited = res.status === 429 || (res.status === 403 && (remaining === '0' || retryAfter !== null || secondary));
  if (!rateLimited && res.status < 500) return undefined;
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  if (remaining === '0' && reset !== null && Number.isFinite(Number(reset))) return Math.max(0, Number(reset) * 1000 - nowMs);
  if (secondary) return SECONDARY_LIMIT_WAIT_MS;
  return backoffMs(attempt, random);
}

const MAX_JOB_RETRY_DELAY_S = 15 * 60;

/**
 * Seconds before the queue retries a failed job: what GitHub asked for when it rate-limited (the
 * catalog's reader passes that on as the cause), at least 2^attempts, at most 15 minutes.
 */
export function jobRetryDelaySeconds(err: unknown, attempts: number): number {
  const cause = err instanceof ReaderError ? err.cause : err;
  const hinted = cause instanceof GithubUnavailableError ? Math.ceil(cause.retryAfterMs / 1000) : 0;
  return Math.min(MAX_JOB_RETRY_DELAY_S, Math.max(hinted, 2 ** attempts));
}
