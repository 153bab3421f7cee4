#!/usr/bin/env node
// `npm start`: the whole portal on http://127.0.0.1:8787 from a fresh clone (after `npm ci`).
//
//   1. builds the web app into web/dist (skip with --no-build),
//   2. serves seed/demo/ on http://127.0.0.1:8790 (see scripts/serve-folder.mjs),
//   3. applies the D1 migrations to the local database under .wrangler/state and serves the
//      Worker from wrangler.toml with Miniflare (scripts/lib/serve-worker.mjs: the same runtime,
//      bindings and state as `wrangler dev`, without its proxy), with local URLs allowed as
//      catalog locations and the local user signed in as a guest admin (see scripts/lib/portal.mjs),
//   5. registers the demo organisation once the Worker is healthy, or, if it is already
//      registered (any later start), refreshes it so edits to seed/demo/ show up
//      (skip with --no-seed),
//   6. builds and publishes the demo TechDocs (seed/demo/docs/<component>/) with the project's
//      own CLI, `greenroom docs publish` — the renderer the Worker runs on a GitHub push.
//   7. puts the built-in software templates (templates/) into the catalog.
//
// Ctrl-C stops everything. Only Node built-ins: this runs before anything else is known to work.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPortal } from './lib/portal.mjs';
import { serveFolder } from './serve-folder.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST = '127.0.0.1';
const PORT = 8787;
const SEED_PORT = 8790;
const BASE = `http://${HOST}:${PORT}`;
const SEED_TARGET = `http://${HOST}:${SEED_PORT}/catalog-info.yaml`;
// metadata.name of the Location entity in seed/demo/catalog-info.yaml.
const SEED_ROOT_REF = 'location:default/fernhill-demo';
const HEALTH_TIMEOUT_MS = 180_000;
// Registering processes the whole demo tree before answering (the entities must be readable).
const SEED_TIMEOUT_MS = 120_000;
// The database `npm run db:migrate` and `npm run dev` (wrangler dev) use too.
const STATE_DIR = join(ROOT, '.wrangler', 'state');

const say = (line) => console.log(`\x1b[1m[greenroom]\x1b[0m ${line}`);
const warn = (line) => console.error(`\x1b[1;33m[greenroom]\x1b[0m ${line}`);

/** Children that must receive our SIGINT/SIGTERM and must not outlive us (the portal has its own). */
const children = new Set();
let portal;
let stopping = false;

function parseArgs(argv) {
  const options = { build: true, seed: true };
  for (const arg of argv) {
    if (arg === '--no-build') options.build = false;
    else if (arg === '--no-seed') options.seed = false;
    else {
      console.error(`Unknown option ${arg}\nusage: npm start [-- --no-build] [--no-seed]`);
      process.exit(2);
    }
  }
  return options;
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    warn(`Node ${process.versions.node} is too old for wrangler (needs >= 22.12).`);
    warn('Run `npm start` (npm puts the Node 22 from node_modules/.bin first on PATH).');
    process.exit(1);
  }
}

/** Spawns a tracked child; resolves with its exit code (signals map to 128 + n like a shell). */
function run(command, args, { stdin = 'inherit', env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: [stdin, 'inherit', 'inherit'],
      env: env ? { ...process.env, ...env } : process.env,
    });
    children.add(child);
    child.once('error', (error) => {
      children.delete(child);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolvePromise(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGKILL' ? 9 : 15));
    });
  });
}

async function step(title, command, args, options) {
  say(`${title}...`);
  const code = await run(command, args, options);
  if (code !== 0) {
    if (!stopping) warn(`${title} failed (exit code ${code}); stopping.`);
    process.exit(code);
  }
}

// The Worker's local secrets come from .dev.vars (read by serve-worker.mjs and wrangler dev
// alike); the Worker has a dev fallback for each, but a per-clone random cursor secret keeps
// pagination cursors from one clone useless in another.
// Flag 'wx' makes the write fail rather than replace a file the user already has.
function ensureDevVars() {
  const file = join(ROOT, '.dev.vars');
  try {
    writeFileSync(
      file,
      '# Local-only secrets for the local Worker, created by `npm start`. See .dev.vars.example.\n' +
        `CURSOR_SECRET=${randomBytes(32).toString('base64url')}\n`,
      { flag: 'wx', mode: 0o600 },
    );
    say('Created .dev.vars with a random CURSOR_SECRET.');
  } catch (error) {
    if (error.code !== 'EEXIST') warn(`Could not create .dev.vars (${error.message}); using the Worker's defaults.`);
  }
}

// The server would otherwise fail late (after build and migrations), or our health check could
// be answered by some other server already on the port.
function assertPortFree(port) {
  return new Promise((resolvePromise) => {
    const probe = createServer();
    probe.once('error', (error) => {
      warn(
        error.code === 'EADDRINUSE'
          ? `Port ${port} is already in use (another \`npm start\` or \`wrangler dev\`?). Stop it and try again.`
          : `Cannot listen on ${HOST}:${port}: ${error.message}`,
      );
      process.exit(1);
    });
    probe.listen(port, HOST, () => probe.close(resolvePromise));
  });
}

async function postJson(path, body) {
  const res = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(SEED_TIMEOUT_MS),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

// Backstage-shaped errors carry {error: {name, message}}; anything else is shown as sent.
function describeError({ status, json, text }) {
  const error = json?.error;
  const message = error?.message ? `${error.name ? `${error.name}: ` : ''}${error.message}` : text.trim().slice(0, 2000);
  return `HTTP ${status}${message ? ` - ${message}` : ''}`;
}

function countByKind(entities) {
  const counts = {};
  for (const e of entities ?? []) counts[e?.kind ?? '?'] = (counts[e?.kind ?? '?'] ?? 0) + 1;
  return Object.entries(counts)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}

/** Registers the demo organisation, or refreshes it when it is already registered. */
async function seed() {
  try {
    const registered = await postJson('/api/catalog/locations', { type: 'url', target: SEED_TARGET });
    if (registered.status === 201) {
      const entities = registered.json?.entities ?? [];
      say(`Seeded the demo organisation from ${SEED_TARGET}: ${entities.length} entities${entities.length ? ` (${countByKind(entities)})` : ''}.`);
      return true;
    }
    if (registered.status !== 409) {
      warn(`Seeding failed: POST /api/catalog/locations answered ${describeError(registered)}`);
      return false;
    }
    const refreshed = await postJson('/api/catalog/refresh', { entityRef: SEED_ROOT_REF });
    if (refreshed.status >= 200 && refreshed.status < 300) {
      say(`The demo organisation was already registered; refreshed ${SEED_ROOT_REF} from ${SEED_TARGET}.`);
      return true;
    }
    warn(`The demo organisation is registered, but refreshing ${SEED_ROOT_REF} failed: ${describeError(refreshed)}`);
    return false;
  } catch (error) {
    warn(`Seeding failed: ${error?.name === 'TimeoutError' ? `no answer within ${SEED_TIMEOUT_MS / 1000} s` : (error?.message ?? error)}`);
    return false;
  }
}

function forwardSignals() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, async () => {
      // On Ctrl-C the terminal already signalled the whole process group; forwarding anyway
      // covers `kill <pid>` and non-terminal parents, and the server shuts down once either way.
      // A portal still starting up is stopped by portal.mjs's exit hook.
      stopping = true;
      for (const child of children) child.kill(signal);
      await portal?.stop();
      if (children.size === 0) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
  // Last resort if this script dies unexpectedly: no orphaned build.
  process.on('exit', () => {
    for (const child of children) child.kill('SIGTERM');
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  checkNode();
  forwardSignals();
  ensureDevVars();
  await assertPortFree(PORT);

  if (options.build) await step('Building the web app (npm run build)', ...npmRun('build'));
  else if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) warn('--no-build, but web/dist/ has no build yet: only /api/* will work.');

  let seedServer;
  if (options.seed) {
    try {
      seedServer = await serveFolder(join(ROOT, 'seed', 'demo'), SEED_PORT);
      say(`Serving seed/demo/ on http://${HOST}:${SEED_PORT}/`);
    } catch (error) {
      warn(
        `Cannot serve seed/demo/ on port ${SEED_PORT} (${error.code === 'EADDRINUSE' ? 'port in use' : error.message}); the portal will start without seeding.`,
      );
    }
  }
  const closeSeedServer = () => {
    seedServer?.close();
    seedServer?.closeAllConnections();
  };

  try {
    portal = await startPortal({ port: PORT, persistTo: STATE_DIR, stdio: 'inherit', healthTimeoutMs: HEALTH_TIMEOUT_MS, log: say });
  } catch (error) {
    closeSeedServer();
    if (!stopping) warn(error.message);
    process.exit(1);
  }
  portal.exited.then(({ code, signal }) => {
    closeSeedServer();
    if (!stopping && code !== 0) warn(`The Worker server exited (${signal ?? `exit code ${code}`}).`);
    process.exit(code ?? (signal === 'SIGINT' ? 130 : signal ? 143 : 1));
  });

  if (seedServer) {
    say('Seeding the demo organisation...');
    const ok = await seed();
    if (!ok) warn('The portal keeps running without (fresh) demo data; fix the error above and restart, or register seed/demo yourself.');
    else await publishDemoDocs();
  }
  if (!stopping) await registerBuiltinTemplates();
  if (!stopping) say(`Greenroom is running: open ${BASE}/  (Ctrl-C to stop)`);
}

/** Puts the built-in software templates (templates/) into the catalog: listing them registers them. */
async function registerBuiltinTemplates() {
  try {
    const res = await fetch(`${BASE}/api/scaffolder/v2/templates`, { signal: AbortSignal.timeout(SEED_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const { items } = await res.json();
    say(`Software templates: ${items.map((t) => t.name).join(', ')}`);
  } catch (error) {
    warn(`Registering the built-in software templates failed (${error.message}); opening Create will try again.`);
  }
}

/** Publishes each seed/demo/docs/<name>/ as the docs of component:default/<name>, through the CLI. */
async function publishDemoDocs() {
  const root = join(ROOT, 'seed', 'demo', 'docs');
  const names = existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
  for (const name of names) {
    if (stopping) return;
    const code = await run(process.execPath, [join(ROOT, 'bin', 'greenroom.mjs'), 'docs', 'publish', join(root, name), '--entity', `component:default/${name}`, '--url', BASE]);
    if (code !== 0) warn(`Publishing the demo docs of ${name} failed (exit code ${code}); the rest of the portal is unaffected.`);
  }
}

// `npm run <script>` with whichever npm started us, so the package.json script stays the one truth.
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  return npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli, 'run', script]] : ['npm', ['run', script]];
}

main().catch((error) => {
  warn(error?.stack ?? String(error));
  process.exit(1);
});
