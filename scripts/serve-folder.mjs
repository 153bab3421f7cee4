#!/usr/bin/env node
// Serves a folder of Backstage descriptors over plain HTTP on 127.0.0.1, so that a local
// Greenroom can register them as a `url` location without pushing them to GitHub first.
// `npm start` uses it for seed/demo/; you can run it for your own files:
//
//   node scripts/serve-folder.mjs ./my-descriptors 8791
//
// then, while `npm start` runs (it starts wrangler with CATALOG_ALLOW_LOCAL_URLS=true, which
// deployed Workers never honour), register the entry file in the portal under
// "Register existing component", or through the API:
//
//   curl -X POST http://127.0.0.1:8787/api/catalog/locations \
//     -H 'content-type: application/json' \
//     -d '{"type":"url","target":"http://127.0.0.1:8791/catalog-info.yaml"}'
//
// Relative `targets` of Location entities and `$text`/`$yaml`/`$json` placeholders resolve
// against the served URL, so a whole tree of files works. Edit a file, then refresh its entity
// (or re-run `npm start`) to see the change. Only GET and HEAD, only files inside the folder.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

// Catalog fetchers ignore the type, but browsers and curl users see it; YAML per RFC 9512.
const CONTENT_TYPES = {
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.graphql': 'text/plain; charset=utf-8',
  '.gql': 'text/plain; charset=utf-8',
  '.proto': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

function isInside(root, path) {
  return path === root || path.startsWith(root + sep);
}

/**
 * Serves the files under `dir` on http://127.0.0.1:`port`; resolves with the listening server.
 * @param {string} dir
 * @param {number} [port]
 * @param {{ host?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<import('node:http').Server>}
 */
export async function serveFolder(dir, port = 8790, { host = '127.0.0.1', log } = {}) {
  // Compare real paths, so a symlink inside the folder cannot lead outside it.
  const root = await realpath(resolve(dir));
  if (!(await stat(root)).isDirectory()) throw new Error(`${dir} is not a directory`);

  const server = createServer(async (req, res) => {
    const reply = (status, text, headers = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
      log?.(`${req.method} ${req.url} ${status}`);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'Method not allowed', { allow: 'GET, HEAD' });
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        return reply(400, 'Bad request: malformed URL');
      }
      // `new URL` already collapses `..`, but encoded separators (%2F, %5C) and NULs survive decoding.
      if (pathname.includes('\0') || pathname.includes('\\')) return reply(400, 'Bad request');
      const candidate = resolve(root, `.${pathname}`);
      if (!isInside(root, candidate)) return reply(403, 'Forbidden');
      let file;
      try {
        file = await realpath(candidate);
      } catch {
        return reply(404, 'Not found');
      }
      if (!isInside(root, file)) return reply(403, 'Forbidden');
      const info = await stat(file);
      if (!info.isFile()) return reply(404, 'Not found');

      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': info.size,
        'last-modified': info.mtime.toUTCString(),
        // Descriptors change while you work on them: a refresh must see the new version.
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      log?.(`${req.method} ${req.url} 200`);
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (error) {
      if (!res.headersSent) reply(500, 'Internal error');
      else res.destroy();
      log?.(`${req.method} ${req.url} failed: ${error?.message ?? error}`);
    }
  });

  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  return server;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(await realpath(process.argv[1]).catch(() => process.argv[1])).href;

if (invokedDirectly) {
  const [dir, portArg] = process.argv.slice(2);
  const port = portArg === undefined ? 8790 : Number(portArg);
  if (!dir || !Number.isInteger(port) || port < 1 || port > 65535) {
    console.error('usage: node scripts/serve-folder.mjs <dir> [port]   (port defaults to 8790)');
    process.exit(2);
  }
  try {
    const server = await serveFolder(dir, port, { log: (line) => console.log(line) });
    console.log(`Serving ${resolve(dir)} on http://127.0.0.1:${port}/ (Ctrl-C to stop)`);
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  } catch (error) {
    console.error(
      error?.code === 'EADDRINUSE'
        ? `Port ${port} is already in use; pass another one: node scripts/serve-folder.mjs ${dir} <port>`
        : `Cannot serve ${dir}: ${error?.message ?? error}`,
    );
    process.exit(1);
  }
}
