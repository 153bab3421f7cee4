import { beforeEach, describe, expect, it } from 'vitest';
import { d1Store } from './support';
import { clearAll } from './github-support';
import type { GithubJob } from '../../worker/github/jobs';
import { runExclusive } from '../../worker/github/lock';
import { GithubStore } from '../../worker/github/store';

const job = (delivery: string): GithubJob => ({ kind: 'repo', installationId: 1, repoId: 7, deliveries: [delivery] });
const store = () => new GithubStore(d1Store().db);

describe('job locks', () => {
  beforeEach(clearAll);

  it('never runs two jobs of one key at once; one arriving meanwhile is merged into the holder’s next run', async () => {
    let active = 0;
    let overlap = false;
    const runs: string[][] = [];
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const run = async (j: GithubJob) => {
      active++;
      overlap ||= active > 1;
      runs.push(j.deliveries ?? []);
      if (runs.length === 1) await blocked;
      active--;
    };
    const first = runExclusive(store(), job('a'), ['m1'], run);
    while (runs.length === 0) await new Promise((r) => setTimeout(r, 5));
    // Both arrive while `a` runs: handed over, not run here.
    expect(await runExclusive(store(), job('b'), ['m2'], run)).toBe(false);
    expect(await runExclusive(store(), job('c'), ['m3'], run)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(overlap).toBe(false);
    expect(runs).toEqual([['a'], ['b', 'c']]);
    expect(await store().takeWaiters('repo:7')).toEqual([]);
  });

  it('a message redelivered after its consumer died takes the lock over, with what was left waiting', async () => {
    const s = store();
    expect(await s.tryLock('repo:7', JSON.stringify(['m1', 'm2']), 60_000)).toBe(true);
    expect(await s.addWaiter('repo:7', job('b'))).toBe(true);
    const runs: string[][] = [];
    expect(await runExclusive(s, job('a'), ['m2'], async (j) => void runs.push(j.deliveries ?? []))).toBe(true);
    expect(runs).toEqual([['a'], ['b']]);
  });

  it('a failing run frees the key for its retry and keeps the jobs merged into it', async () => {
    const s = store();
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const seen: string[][] = [];
    const failing = runExclusive(s, job('a'), ['m1'], async (j) => {
      seen.push(j.deliveries ?? []);
      if (seen.length === 1) return blocked;
      throw new Error('GitHub is down');
    });
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(await runExclusive(s, job('b'), ['m2'], async () => undefined)).toBe(false);
    release();
    // `a` ran; `b`, handed over to this holder, failed.
    await expect(failing).rejects.toThrow('GitHub is down');
    expect(seen).toEqual([['a'], ['b']]);
    // m1's retry gets the key at once, runs `a` again, then `b`, which would otherwise be lost.
    const runs: string[][] = [];
    expect(await runExclusive(s, job('a'), ['m1'], async (j) => void runs.push(j.deliveries ?? []))).toBe(true);
    expect(runs).toEqual([['a'], ['b']]);
  });
});
