// Starts and stops a local Greenroom (wrangler dev) for `npm start`, benchmarks and outside-in
// tests. Only Node built-ins: it runs before anything else is known to work.

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
const TAIL_LINES = 200;
const DEFAULT_HEALTH_TIMEOUT_MS = 180_000;
// wrangler needs a moment to stop workerd cleanly; after that the process group is killed.
const STOP_GRACE_MS = 10_000;

/** Process groups still running, killed if this process exits without stopping them. */
const running = new Set();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the parent dies unexpectedly: no orphaned wrangler holding a port.
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

/** Signals a wrangler process; for a process group leader `-pid` reaches its node and workerd too. */
function signalTree(proc, signal) {
  // A group can outlive its leader (workerd after a crashed wrangler), so groups are always signalled.
  if (!proc.group && hasExited(proc)) return;
  try {
    if (proc.group) process.kill(-proc.child.pid, signal);
    else proc.child.kill(signal);
  } catch {
    // Already gone.
  }
}

/** Runs wrangler with `args`; resolves `exited` however it ends. */
function spawnWrangler(args, { stdio, stdin, tail }) {
  // Piped children lead their own process group so stop() can kill the whole tree. Inherited
  // ones stay in ours: they share the terminal, where a background group reading the keyboard
  // (wrangler's hotkeys) would be stopped by SIGTTIN, and Ctrl-C reaches them directly.
  const group = stdio === 'pipe';
  // wrangler dev records a trace of every invocation into a SQLite Durable Object for its local
  // explorer: ~1.5 ms of workerd CPU per request on this machine, more than the portal's own
  // middleware. The portal reports its own timings, so it is off unless asked for.
  const env = { X_LOCAL_OBSERVABILITY: 'false', ...process.env };
  const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env, stdio: [stdin, stdio, stdio], detached: group });
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
  return new Error(output ? `${message}\n--- last wrangler output ---\n${output}` : message);
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
 * Starts an isolated local portal: migrations applied to its own state dir, then wrangler dev.
 * Resolves once GET /api/health answers 200; `exited` settles when wrangler stops for any reason.
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
  const migrate = spawnWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir], { stdio, stdin: 'ignore', tail });
  const migrated = await migrate.exited;
  if (migrated.code !== 0) throw failure(`Applying D1 migrations to the local database failed (wrangler ${describeExit(migrated)}); stopping.`, tail);

  // wrangler's default inspector port (9229, else the next free one) is checked before it is
  // bound, so portals starting in parallel race for it: give each its own.
  const inspectorPort = await freePort();
  // A local portal reads localhost locations and signs local requests in as the guest admin
  // (the Worker honours both only for requests addressed to this machine); `vars` can turn them off.
  const varArgs = Object.entries({ CATALOG_ALLOW_LOCAL_URLS: 'true', AUTH_GUEST_MODE: 'true', ...vars }).flatMap(([key, value]) => ['--var', `${key}:${value}`]);
  log?.(`Starting wrangler dev on ${url} ...`);
  const dev = spawnWrangler(
    [
      'dev',
      '--ip',
      HOST,
      '--port',
      String(listenPort),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      stateDir,
      ...(logLevel ? ['--log-level', logLevel] : []),
      ...varArgs,
    ],
    { stdio, stdin: stdio === 'pipe' ? 'ignore' : 'inherit', tail },
  );
  const stop = () => stopProcess(dev);

  if (!(await waitForHealth(url, dev, Date.now() + healthTimeoutMs))) {
    const exit = hasExited(dev) ? await dev.exited : undefined;
    await stop();
    throw failure(
      exit
        ? `wrangler dev ${describeExit(exit)} before ${url}/api/health answered.`
        : `${url}/api/health did not answer 200 within ${healthTimeoutMs / 1000} s; wrangler dev was stopped.`,
      tail,
    );
  }
  return { url, persistTo: stateDir, stop, exited: dev.exited.then(({ code, signal }) => ({ code, signal })) };
}

/**
 * Starts a one-line Worker with no bindings under the same wrangler dev, so a benchmark can tell
 * the request path's own floor (wrangler's proxy and workerd) from what the portal adds to it.
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function startBareWorker({ port } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'greenroom-bare-worker-'));
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(await readFile(join(ROOT, 'wrangler.toml'), 'utf8'))?.[1] ?? '2026-11-01';
  await writeFile(join(dir, 'index.js'), "export default { fetch: () => new Response('ok') };\n");
  await writeFile(join(dir, 'wrangler.toml'), `name = "bare"\nmain = "index.js"\ncompatibility_date = "${date}"\n`);
  const url = `http://${HOST}:${port ?? (await freePort())}`;
  const tail = createTail();
  const args = ['dev', '--config', join(dir, 'wrangler.toml'), '--ip', HOST, '--port', new URL(url).port, '--inspector-port', String(await freePort()), '--persist-to', dir, '--log-level', 'error'];
  const dev = spawnWrangler(args, { stdio: 'pipe', stdin: 'ignore', tail });
  const stop = async () => {
    await stopProcess(dev);
    await rm(dir, { recursive: true, force: true });
  };
  if (!(await waitForHealth(url, dev, Date.now() + DEFAULT_HEALTH_TIMEOUT_MS))) {
    await stop();
    throw failure('The bare Worker did not start.', tail);
  }
  return { url, stop };
}
