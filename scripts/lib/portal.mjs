// Starts and stops a local Greenroom (serve-worker.mjs: Miniflare from wrangler.toml) for
// `npm start`, benchmarks and outside-in tests. Only Node built-ins: it runs before anything else
// is known to work.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOST = '127.0.0.1';
// Run wrangler's JS entry with this very Node: a bare `wrangler` could pick up an older Node
// from PATH when a script is run directly rather than through npm.
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const SERVE_WORKER = join(ROOT, 'scripts', 'lib', 'serve-worker.mjs');
const TAIL_LINES = 200;
const DEFAULT_HEALTH_TIMEOUT_MS = 180_000;
// Miniflare needs a moment to stop workerd cleanly; after that the process group is killed.
const STOP_GRACE_MS = 10_000;

/** Process groups still running, killed if this process exits without stopping them. */
const running = new Set();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the parent dies unexpectedly: no orphaned Worker server holding a port.
  process.on('exit', () => {
    for (const proc of running) signalTree(proc, 'SIGTERM');
  });
}

/** Keeps the last lines a child printed, so a failure can show why it happened. */
function createTail() {
  const lines = [];
  let partial = '';
  return {
    push(chunk) {
      const parts = (partial + chunk).split(/\r?\n/);
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length > TAIL_LINES) lines.splice(0, lines.length - TAIL_LINES);
    },
    text: () => [...lines, partial].filter(Boolean).join('\n'),
  };
}

const hasExited = (proc) => proc.child.exitCode !== null || proc.child.signalCode !== null;

/** Signals a child; for a process group leader `-pid` reaches its workerd too. */
function signalTree(proc, signal) {
  // A group can outlive its leader (workerd after a crashed Node), so groups are always signalled.
  if (!proc.group && hasExited(proc)) return;
  try {
    if (proc.group) process.kill(-proc.child.pid, signal);
    else proc.child.kill(signal);
  } catch {
    // Already gone.
  }
}

/** Runs a Node script (wrangler's CLI or the Worker server) with `args`; resolves `exited` however it ends. */
function spawnNode(script, args, { stdio, stdin, tail }) {
  // Piped children lead their own process group so stop() can kill the whole tree. Inherited
  // ones stay in ours: they share the terminal, and Ctrl-C reaches them directly.
  const group = stdio === 'pipe';
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: [stdin, stdio, stdio], detached: group });
  if (stdio === 'pipe') {
    child.stdout.setEncoding('utf8').on('data', tail.push);
    child.stderr.setEncoding('utf8').on('data', tail.push);
  }
  const proc = { child, group, exited: undefined };
  running.add(proc);
  installExitHook();
  proc.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(proc);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      running.delete(proc);
      resolve({ code: null, signal: null, error });
    });
  });
  return proc;
}

function describeExit({ code, signal, error }) {
  if (error) return `could not start (${error.message})`;
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

function failure(message, tail) {
  const output = tail.text();
  return new Error(output ? `${message}\n--- last output ---\n${output}` : message);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(url, proc, deadline) {
  while (Date.now() < deadline) {
    if (hasExited(proc)) return false;
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  return false;
}

async function stopProcess(proc) {
  signalTree(proc, 'SIGTERM');
  const stopped = await Promise.race([proc.exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!stopped) signalTree(proc, 'SIGKILL');
  await proc.exited;
  // Whatever of the group is still alive after its leader exited would hold the port.
  if (proc.group) signalTree(proc, 'SIGKILL');
}

/** Finds a TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts an isolated local portal: migrations applied to its own state dir, then the Worker
 * served by serve-worker.mjs. Resolves once GET /api/health answers 200; `exited` settles when
 * the server stops for any reason.
 * A temporary `persistTo` is left in place after stop() so it can be reused; delete it yourself.
 * @param {{ port?: number, persistTo?: string, vars?: Record<string, string>, logLevel?: string,
 *   stdio?: 'pipe' | 'inherit', healthTimeoutMs?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, persistTo: string, stop(): Promise<void>,
 *   exited: Promise<{ code: number | null, signal: string | null }> }>}
 */
export async function startPortal({
  port,
  persistTo,
  vars = {},
  logLevel,
  stdio = 'pipe',
  healthTimeoutMs = DEFAULT_HEALTH_TIMEOUT_MS,
  log,
} = {}) {
  const listenPort = port ?? (await freePort());
  const stateDir = persistTo ?? (await mkdtemp(join(tmpdir(), 'greenroom-portal-')));
  const url = `http://${HOST}:${listenPort}`;
  const tail = createTail();

  log?.('Applying D1 migrations to the local database...');
  // stdin not a TTY makes wrangler take the default answer ("yes") instead of prompting.
  const migrate = spawnNode(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir], { stdio, stdin: 'ignore', tail });
  const migrated = await migrate.exited;
  if (migrated.code !== 0) throw failure(`Applying D1 migrations to the local database failed (wrangler ${describeExit(migrated)}); stopping.`, tail);

  // A local portal reads localhost locations and signs local requests in as the guest admin
  // (the Worker honours both only for requests addressed to this machine); `vars` can turn them off.
  const varArgs = Object.entries({ CATALOG_ALLOW_LOCAL_URLS: 'true', AUTH_GUEST_MODE: 'true', ...vars }).flatMap(([key, value]) => ['--var', `${key}:${value}`]);
  log?.(`Starting the Worker on ${url} ...`);
  const server = spawnNode(
    SERVE_WORKER,
    ['--ip', HOST, '--port', String(listenPort), '--persist-to', stateDir, ...(logLevel ? ['--log-level', logLevel] : []), ...varArgs],
    { stdio, stdin: 'ignore', tail },
  );
  const stop = () => stopProcess(server);

  if (!(await waitForHealth(url, server, Date.now() + healthTimeoutMs))) {
    const exit = hasExited(server) ? await server.exited : undefined;
    await stop();
    throw failure(
      exit
        ? `The Worker server ${describeExit(exit)} before ${url}/api/health answered.`
        : `${url}/api/health did not answer 200 within ${healthTimeoutMs / 1000} s; the Worker server was stopped.`,
      tail,
    );
  }
  return { url, persistTo: stateDir, stop, exited: server.exited.then(({ code, signal }) => ({ code, signal })) };
}

/**
 * Starts a one-line Worker with no bindings, served the same way, so a benchmark can tell the
 * request path's own floor (Miniflare's entry and workerd) from what the portal adds to it.
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function startBareWorker({ port } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'greenroom-bare-worker-'));
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(await readFile(join(ROOT, 'wrangler.toml'), 'utf8'))?.[1] ?? '2026-11-01';
  await writeFile(join(dir, 'index.js'), "export default { fetch: () => new Response('ok') };\n");
  await writeFile(join(dir, 'wrangler.toml'), `name = "bare"\nmain = "index.js"\ncompatibility_date = "${date}"\n`);
  const url = `http://${HOST}:${port ?? (await freePort())}`;
  const tail = createTail();
  const args = ['--config', join(dir, 'wrangler.toml'), '--ip', HOST, '--port', new URL(url).port, '--persist-to', dir, '--log-level', 'error'];
  const server = spawnNode(SERVE_WORKER, args, { stdio: 'pipe', stdin: 'ignore', tail });
  const stop = async () => {
    await stopProcess(server);
    await rm(dir, { recursive: true, force: true });
  };
  if (!(await waitForHealth(url, server, Date.now() + DEFAULT_HEALTH_TIMEOUT_MS))) {
    await stop();
    throw failure('The bare Worker did not start.', tail);
  }
  return { url, stop };
}
