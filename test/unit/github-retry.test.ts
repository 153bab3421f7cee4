import { describe, expect, it } from 'vitest';
import { ReaderError } from '../../worker/catalog/ingest/reader';
import { GithubUnavailableError } from '../../worker/github/errors';
import { jobRetryDelaySeconds, retryDelayMs } from '../../worker/github/retry';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const res = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers) });
const half = () => 0.5;

describe('when GitHub says to retry', () => {
  it('honours retry-after, in seconds or as a date', () => {
    expect(retryDelayMs(res(429, { 'retry-after': '7' }), '', 1, NOW)).toBe(7000);
    expect(retryDelayMs(res(503, { 'retry-after': new Date(NOW + 3000).toUTCString() }), '', 1, NOW)).toBe(3000);
    expect(retryDelayMs(res(403, { 'retry-after': '30' }), '{"message":"You have exceeded a secondary rate limit"}', 1, NOW)).toBe(30_000);
  });

  it('waits for x-ratelimit-reset when the primary rate limit is spent', () => {
    const reset = String(NOW / 1000 + 42);
    expect(retryDelayMs(res(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), '', 1, NOW)).toBe(42_000);
    expect(retryDelayMs(res(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), '', 1, NOW)).toBe(42_000);
  });

  it('waits a minute for a secondary rate limit that names no time', () => {
    expect(retryDelayMs(res(403), '{"message":"You have exceeded a secondary rate limit."}', 1, NOW)).toBe(60_000);
  });

  it('backs off exponentially on 5xx and bare 429', () => {
    expect(retryDelayMs(res(502), '', 1, NOW, half)).toBe(150);
    expect(retryDelayMs(res(500), '', 2, NOW, half)).toBe(300);
    expect(retryDelayMs(res(429), '', 3, NOW, half)).toBe(600);
  });

  it('does not retry what retrying cannot fix', () => {
    for (const status of [400, 401, 404, 409, 422]) expect(retryDelayMs(res(status), '', 1, NOW)).toBeUndefined();
    expect(retryDelayMs(res(403), '{"message":"Resource not accessible by integration"}', 1, NOW)).toBeUndefined();
    expect(retryDelayMs(res(403, { 'x-ratelimit-remaining': '12' }), '', 1, NOW)).toBeUndefined();
  });

  it('delays a failed job by what GitHub asked for (also through the catalog reader), or 2^attempts, within 15 minutes', () => {
    expect(jobRetryDelaySeconds(new Error('boom'), 1)).toBe(2);
    expect(jobRetryDelaySeconds(new Error('boom'), 4)).toBe(16);
    expect(jobRetryDelaySeconds(new GithubUnavailableError('limited', 90_500), 1)).toBe(91);
    const viaReader = new ReaderError('fetch-failed', 'https://x', 'failed', { cause: new GithubUnavailableError('limited', 120_000) });
    expect(jobRetryDelaySeconds(viaReader, 2)).toBe(120);
    expect(jobRetryDelaySeconds(new Error('boom'), 20)).toBe(900);
  });
});
