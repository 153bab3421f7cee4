import { describe, expect, it } from 'vitest';
import { Memo } from '../../worker/catalog/store/memo';

describe('Memo', () => {
  it('returns what was remembered with its generation, and nothing for an unknown key', () => {
    const memo = new Memo<string>({ entries: 2 });
    memo.remember('a', 7, 'alpha');
    expect(memo.recall('a')).toMatchObject({ generation: 7, value: 'alpha' });
    expect(memo.recall('b')).toBeUndefined();
    memo.remember('a', 8, 'again');
    expect(memo.recall('a')).toMatchObject({ generation: 8, value: 'again' });
  });

  it('forgets the least recently used entry past its entry limit', () => {
    const memo = new Memo<number>({ entries: 2 });
    memo.remember('a', 1, 1);
    memo.remember('b', 1, 2);
    memo.recall('a');
    memo.remember('c', 1, 3);
    expect(memo.recall('b')).toBeUndefined();
    expect(memo.recall('a')?.value).toBe(1);
    expect(memo.recall('c')?.value).toBe(3);
  });

  it('keeps its bytes within budget, counting a replaced entry once, and refuses an entry too large alone', () => {
    const memo = new Memo<string>({ entries: 100, bytes: 10, entryBytes: 6 });
    memo.remember('a', 1, 'a', 4);
    memo.remember('a', 1, 'a', 4);
    memo.remember('b', 1, 'b', 4);
    expect(memo.recall('a')?.value).toBe('a');
    memo.remember('c', 1, 'c', 4);
    expect(memo.recall('b')).toBeUndefined();
    expect(memo.recall('a')?.value).toBe('a');
    memo.remember('huge', 1, 'h', 7);
    expect(memo.recall('huge')).toBeUndefined();
    expect(memo.recall('c')?.value).toBe('c');
  });

  it('reuses the entry a query was guarded with only at its generation, else computes and remembers', () => {
    const memo = new Memo<string>({ entries: 10 });
    memo.remember('k', 1, 'old');
    const kept = memo.recall('k');
    // Another request replaced the entry meanwhile; the guard was built from `kept` all the same.
    memo.remember('k', 2, 'other');
    expect(memo.reuse('k', kept, 1, () => 'fresh')).toBe('old');
    expect(memo.reuse('k', kept, 3, () => 'new')).toBe('new');
    expect(memo.recall('k')).toMatchObject({ generation: 3, value: 'new' });
    const sized = new Memo<string>({ entries: 10, bytes: 5 });
    sized.reuse('a', undefined, 1, () => 'aaaa', (v) => v.length);
    sized.reuse('b', undefined, 1, () => 'bbbb', (v) => v.length);
    expect(sized.recall('a')).toBeUndefined();
  });
});
