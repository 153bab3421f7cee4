import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../worker/lib/ttl-cache';

describe('TtlCache', () => {
  it('forgets entries after their time, the oldest past its size, and those asked for', () => {
    const cache = new TtlCache<string, { user: string }>(1000, 2);
    cache.set('a', { user: 'x' }, 0);
    expect(cache.get('a', 999)).toEqual({ user: 'x' });
    expect(cache.get('a', 1000)).toBeUndefined();
    cache.set('a', { user: 'x' }, 0);
    cache.set('b', { user: 'y' }, 0);
    cache.set('c', { user: 'x' }, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toEqual({ user: 'y' });
    cache.deleteWhere((v) => v.user === 'x');
    expect(cache.get('c', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toEqual({ user: 'y' });
  });
});
