#!/usr/bin/env node
// How fast the scaffolder turns a submitted form into a result, against a local portal
// (the local Worker: D1, R2, the Queue and Workflows all local).
//
//   node scripts/bench/scaffolder.mjs [--runs 10] [--concurrent 20]
//
// The built-in Hono service template, published locally (archive + catalog entity):
//   sequential  one task at a time: time from POST /v2/tasks to its first event and to its
//               completion event, both as a client following the events long-poll sees them
//   concurrent  `--concurrent` tasks submitted at once: each one's submit→completion time and
//               the wall time until all are done
// `scripts/bench.mjs --only scaffolder` calls benchScaffolder(); run alone, this file starts its
// own portal and writes bench-results/scaffolder.json.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantile } from '../lib/bench-load.mjs';
import { freePort, startPortal } from '../lib/portal.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEMPLATE = 'template:default/hono-worker-service';
const TASK_TIMEOUT_MS = 120_000;
const round = (ms) => Math.round(ms * 10) / 10;

async function json(res, what) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/**
 * Submits one task and follows its events. Returns the times from submitting to its first event
 * and to its completion event as the Worker stamped them (same machine, same clock), and to the
 * moment the client following the long-poll saw the completion.
 */
async function runTask(base, name) {
  const wall0 = Date.now();
  const t0 = performance.now();
  const { id } = await json(
    await fetch(`${base}/api/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ templateRef: TEMPLATE, values: { name, owner: 'group:default/bench', publish: 'local' } }),
    }),
    'POST /v2/tasks',
  );
  const submitMs = performance.now() - t0;
  let after = 0;
  let firstEventMs;
  for (;;) {
    if (performance.now() - t0 > TASK_TIMEOUT_MS) throw new Error(`task ${id} did not complete within ${TASK_TIMEOUT_MS / 1000} s`);
    const events = await json(await fetch(`${base}/api/scaffolder/v2/tasks/${id}/events?after=${after}`), 'GET events');
    if (events.length && firstEventMs === undefined) firstEventMs = Date.parse(events[0].createdAt) - wall0;
    for (const e of events) {
      after = e.id;
      if (e.type === 'completion') {
        if (e.body.status !== 'completed') throw new Error(`task ${id} ended ${e.body.status}: ${e.body.message}`);
        return { id, submitMs, firstEventMs, completedMs: Date.parse(e.createdAt) - wall0, seenMs: performance.now() - t0 };
      }
    }
  }
}

const stats = (values) => ({ p50: round(quantile(values, 0.5)), p95: round(quantile(values, 0.95)), max: round(quantile(values, 1)) });

/**
 * Measures submit→first event and submit→completion, sequentially and `concurrent` at once.
 * Pass `{ url }` to use a running portal; otherwise one is started and stopped here.
 * @param {{ url?: string, runs?: number, concurrent?: number, log?: (line: string) => void }} [options]
 */
export async function benchScaffolder({ url, runs = 10, concurrent = 20, log = (l) => console.log(`[bench:scaffolder] ${l}`) } = {}) {
  let persistTo;
  let portal;
  if (url === undefined) {
    persistTo = mkdtempSync(join(tmpdir(), 'greenroom-bench-scaffolder-'));
    portal = await startPortal({ port: await freePort(), persistTo, logLevel: 'error' });
  }
  const base = url ?? portal.url;
  const stamp = Date.now().toString(36);
  try {
    // The first task of a fresh isolate pays for registering the built-in templates and warming up.
    await runTask(base, `warm-${stamp}`);
    const sequential = [];
    for (let i = 0; i < runs; i++) sequential.push(await runTask(base, `seq-${stamp}-${i}`));
    log(`sequential: first event p50 ${stats(sequential.map((r) => r.firstEventMs)).p50} ms, completion p50 ${stats(sequential.map((r) => r.completedMs)).p50} ms (${runs} tasks)`);

    const t0 = performance.now();
    const parallel = await Promise.all(Array.from({ length: concurrent }, (_, i) => runTask(base, `par-${stamp}-${i}`)));
    const wallMs = performance.now() - t0;
    log(`${concurrent} concurrent: all completed in ${round(wallMs)} ms, completion p50 ${stats(parallel.map((r) => r.completedMs)).p50} ms`);

    // Every concurrent task produced its archive and its catalog entity.
    for (const r of parallel) {
      const archive = await fetch(`${base}/api/scaffolder/v2/tasks/${r.id}/archive`);
      await archive.arrayBuffer();
      if (archive.status !== 200) throw new Error(`task ${r.id} has no archive (${archive.status})`);
    }
    return {
      template: TEMPLATE,
      sequential: {
        tasks: runs,
        submitMs: stats(sequential.map((r) => r.submitMs)),
        firstEventMs: stats(sequential.map((r) => r.firstEventMs)),
        completedMs: stats(sequential.map((r) => r.completedMs)),
        seenByClientMs: stats(sequential.map((r) => r.seenMs)),
      },
      concurrent: {
        tasks: concurrent,
        wallMs: round(wallMs),
        firstEventMs: stats(parallel.map((r) => r.firstEventMs)),
        completedMs: stats(parallel.map((r) => r.completedMs)),
        seenByClientMs: stats(parallel.map((r) => r.seenMs)),
        tasksPerSecond: round((concurrent / wallMs) * 1000),
      },
    };
  } finally {
    await portal?.stop();
    if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  }
}

/** One line for the bench summary. */
export function printScaffolder(r) {
  console.log(
    `\nScaffolder (${r.template}, local publish): submit→first event p50 ${r.sequential.firstEventMs.p50} ms (p95 ${r.sequential.firstEventMs.p95}), ` +
      `submit→completed p50 ${r.sequential.completedMs.p50} ms (p95 ${r.sequential.completedMs.p95}); ` +
      `${r.concurrent.tasks} concurrent: all done in ${r.concurrent.wallMs} ms, each p50 ${r.concurrent.completedMs.p50} ms / p95 ${r.concurrent.completedMs.p95} ms`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opts = {};
  for (let i = 0; i < args.length; i += 2) {
    const v = Number(args[i + 1]);
    if (!Number.isInteger(v) || v < 1 || !['--runs', '--concurrent'].includes(args[i])) {
      console.error('usage: node scripts/bench/scaffolder.mjs [--runs N] [--concurrent N]');
      process.exit(2);
    }
    opts[args[i] === '--runs' ? 'runs' : 'concurrent'] = v;
  }
  const result = await benchScaffolder(opts);
  printScaffolder(result);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'scaffolder.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
