#!/usr/bin/env node
// Serves a Worker on one local port with Miniflare, from its wrangler config: the workerd runtime,
// bindings, static assets and `--persist-to` state layout of `wrangler dev`, without the proxy
// wrangler dev puts in front. That proxy (a second workerd holding a Durable Object, there for
// live reload and the inspector) costs every request a Durable Object call and a second HTTP
// hop: 2–3 ms a request on this machine, more than the portal's own work. `npm run dev` keeps
// wrangler dev for live reload.
//
//   node scripts/lib/serve-worker.mjs [--config wrangler.toml] [--ip 127.0.0.1] [--port 8787]
//     [--persist-to DIR] [--var KEY:VALUE]... [--log-level debug|info|warn|error|none]

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const requireHere = createRequire(import.meta.url);
// The Miniflare wrangler itself runs, so the options it derives from the config are ones it accepts.
const { Miniflare, Log, LogLevel, convertV4MiniflareOptions } = createRequire(requireHere.resolve('wrangler/package.json'))('miniflare');
const { unstable_getMiniflareWorkerOptions, unstable_readConfig } = requireHere('wrangler');

const LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR, none: LogLevel.NONE };

const { values: args } = parseArgs({
  options: {
    config: { type: 'string', default: join(ROOT, 'wrangler.toml') },
    ip: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8787' },
    'persist-to': { type: 'string' },
    var: { type: 'string', multiple: true, default: [] },
    'log-level': { type: 'string', default: 'info' },
  },
});
const config = resolve(args.config);
const persistTo = resolve(args['persist-to'] ?? join(dirname(config), '.wrangler', 'state'));
const level = LEVELS[args['log-level']];
if (level === undefined) throw new Error(`--log-level must be one of ${Object.keys(LEVELS).join(', ')}`);
const vars = Object.fromEntries(
  args.var.map((pair) => {
    const at = pair.indexOf(':');
    if (at < 1) throw new Error(`--var takes KEY:VALUE, got "${pair}"`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);

const wranglerConfig = unstable_readConfig({ config });
// wrangler deploy refuses a missing assets directory where wrangler dev serves without one; an
// empty one lets `npm start -- --no-build` run the API before the web app was ever built.
if (wranglerConfig.assets?.directory) mkdirSync(resolve(dirname(config), wranglerConfig.assets.directory), { recursive: true });

// wrangler's own bundler, exactly as `wrangler deploy` would upload the Worker.
const bundle = mkdtempSync(join(tmpdir(), 'greenroom-worker-bundle-'));
const removeBundle = () => rmSync(bundle, { recursive: true, force: true });
process.on('exit', removeBundle);
const built = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'deploy', '--dry-run', '--config', config, '--outdir', bundle], {
  cwd: dirname(config),
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, WRANGLER_LOG: 'error' },
});
if (built.status !== 0) {
  console.error(`Bundling the Worker with wrangler failed (exit ${built.status ?? built.signal}).`);
  process.exit(1);
}

// Miniflare takes module rules or an explicit module list, not both; the bundle is one ES module,
// so the config's rules for other module types would have nothing to match.
const { modulesRules: _unused, ...options } = unstable_getMiniflareWorkerOptions(wranglerConfig).workerOptions;
const mf = new Miniflare(
  convertV4MiniflareOptions({
    host: args.ip,
    port: Number(args.port),
    // wrangler dev's layout under --persist-to, so `wrangler d1 migrations apply --local` and this agree.
    resourcePersistencePath: join(persistTo, 'v3'),
    // No internet here: the placeholder `request.cf` instead of fetching Cloudflare's.
    cf: false,
    log: new Log(level),
    logRequests: level >= LogLevel.INFO,
    workers: [
      {
        ...options,
        name: wranglerConfig.name,
        modulesRoot: bundle,
        modules: [{ type: 'ESModule', path: join(bundle, 'index.js') }],
        bindings: { ...options.bindings, ...vars },
      },
    ],
  }),
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await mf.dispose();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// Miniflare itself says "Ready on <url>" at the info level.
await mf.ready;
