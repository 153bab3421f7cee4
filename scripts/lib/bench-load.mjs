// Load generation and measurement helpers for scripts/bench.mjs. Node built-ins only.

import { Agent, request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';

// One keep-alive pool, as a real client would hold: connection set-up is not part of a request's cost.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * GETs (or POSTs `body` as JSON to) `url` and reads the whole response.
 * @returns {Promise<{ status: number, ms: number, serverMs: number | null, dbMs: number | null, bytes: number, text: string }>}
 */
export function httpRequest(url, { method = 'GET', body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const t0 = performance.now();
    const req = request(url, { method, agent, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const ms = performance.now() - t0;
        const text = Buffer.concat(chunks).toString('utf8');
        const timing = parseServerTiming(res.headers['server-timing']);
        resolve({ status: res.statusCode ?? 0, ms, serverMs: timing.total ?? null, dbMs: timing.db ?? null, bytes: text.length, text });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** GETs `url` and parses JSON, failing on any non-2xx status. */
export async function getJson(url) {
  const res = await httpRequest(url);
  if (res.status < 200 || res.status >= 300) throw new Error(`GET ${url} → ${res.status}: ${res.text.slice(0, 300)}`);
  return JSON.parse(res.text);
}

/** `db;dur=1.2, total;dur=3.4` → { db: 1.2, total: 3.4 }. */
export function parseServerTiming(header) {
  const out = {};
  for (const part of String(header ?? '').split(',')) {
    const m = /^\s*([\w-]+)\s*;.*?dur=([\d.]+)/.exec(part);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

/** The q-quantile of numbers (nearest rank), rounded to 0.1. */
export function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return Math.round(v * 10) / 10;
}

function summarise(samples, elapsedMs) {
  const wall = samples.map((s) => s.ms);
  const server = samples.map((s) => s.serverMs).filter((v) => v !== null);
  return {
    n: samples.length,
    p50: quantile(wall, 0.5),
    p95: quantile(wall, 0.95),
    serverP50: quantile(server, 0.5),
    serverP95: quantile(server, 0.95),
    rps: Math.round((samples.length / elapsedMs) * 1000 * 10) / 10,
    bytes: samples[0]?.bytes ?? 0,
  };
}

/**
 * Sends `count` requests built by `urlOf(i)` from `concurrency` clients, each waiting for its
 * answer before sending the next; any non-2xx answer aborts the run.
 */
export async function load(urlOf, { count, concurrency }) {
  const samples = [];
  let next = 0;
  const client = async () => {
    while (next < count) {
      const i = next++;
      const res = await httpRequest(urlOf(i));
      if (res.status < 200 || res.status >= 300) throw new Error(`${urlOf(i)} → ${res.status}: ${res.text.slice(0, 300)}`);
      samples.push(res);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  return summarise(samples, performance.now() - t0);
}

function readStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0) / 1024;
    return { name: /^Name:\s+(\S+)/m.exec(text)?.[1] ?? '', ppid: Number(/^PPid:\s+(\d+)/m.exec(text)?.[1]), rssMiB: field('VmRSS'), hwmMiB: field('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Every live process below `root` (Linux /proc), with its name, RSS and peak RSS in MiB. */
export function descendants(root = process.pid) {
  const all = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const st = readStatus(entry);
    if (st) all.set(Number(entry), st);
  }
  const below = (pid) => {
    for (let p = all.get(pid)?.ppid; p; p = all.get(p)?.ppid) if (p === root) return true;
    return false;
  };
  return [...all].filter(([pid]) => below(pid)).map(([pid, st]) => ({ pid, ...st }));
}

/**
 * Samples the RSS of the workerd processes below this one every `everyMs`; `stop()` returns
 * the highest sum seen and the kernel's per-process high-water marks summed.
 */
export function watchWorkerdMemory(everyMs = 500) {
  let sampledMaxMiB = 0;
  let hwmMiB = 0;
  const sample = () => {
    const procs = descendants().filter((p) => p.name === 'workerd');
    if (procs.length === 0) return;
    sampledMaxMiB = Math.max(sampledMaxMiB, procs.reduce((a, p) => a + p.rssMiB, 0));
    hwmMiB = Math.max(hwmMiB, procs.reduce((a, p) => a + p.hwmMiB, 0));
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { sampledMaxMiB: Math.round(sampledMaxMiB), hwmMiB: Math.round(hwmMiB) };
    },
  };
}
