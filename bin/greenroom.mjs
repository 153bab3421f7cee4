#!/usr/bin/env node
// The Greenroom command line. `greenroom docs build|publish` renders a TechDocs source folder
// (mkdocs.yml + docs/) with the very renderer the Worker runs on push
// (worker/techdocs/render/build.ts), and uploads sites to a portal.
//
//   npx greenroom docs build [dir] [--out site]
//   npx greenroom docs publish [dir] --entity component:default/name [--url http://127.0.0.1:8787] [--token …]
//
// `publish` builds `dir` first unless it already is a built site (it has techdocs_metadata.json,
// e.g. the output of Backstage's `techdocs-cli generate`), then POSTs it as a tar.gz to
// /api/techdocs/publish/<namespace>/<kind>/<name>. The token (an API token with the
// techdocs:publish scope) comes from --token or GREENROOM_TOKEN; a local portal under
// `npm start` needs none. Node 22.18+ (it runs the Worker's TypeScript modules directly).

import './ts-resolve.mjs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';

const { buildSite } = await import('../worker/techdocs/render/build.ts');
const { DocsBuildError } = await import('../worker/techdocs/render/errors.ts');
const { parseEntityRef } = await import('../worker/catalog/model/ref.ts');

const USAGE = `usage:
  greenroom docs build [dir] [--out site] [--site-name NAME] [--repo-url URL] [--edit-base URL]
  greenroom docs publish [dir] --entity kind:namespace/name [--url URL] [--token TOKEN]
                         [--site-name NAME] [--repo-url URL] [--edit-base URL]`;

// Folders never part of a documentation source.
const SKIP = new Set(['node_modules', '.git', 'site', '.wrangler']);

/** Every file under a folder, by forward-slash path relative to it. */
async function readTree(root, skip = SKIP) {
  const files = new Map();
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') && entry.name !== '.well-known') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) await walk(full);
      } else if (entry.isFile()) {
        files.set(relative(root, full).split(sep).join('/'), new Uint8Array(await readFile(full)));
      }
    }
  }
  await walk(root);
  return files;
}

/** Parses `kind:namespace/name` (namespace optional) into the URL path of the publish route. */
function entityPath(ref) {
  let parsed;
  try {
    parsed = parseEntityRef(ref);
  } catch (err) {
    throw new UsageError(`--entity must be kind:namespace/name: ${err.message}`);
  }
  return [parsed.namespace, parsed.kind, parsed.name].map((p) => encodeURIComponent(p.toLowerCase())).join('/');
}

class UsageError extends Error {}

async function build(dir, values) {
  const files = await readTree(dir);
  return buildSite(files, {
    defaultSiteName: values['site-name'] ?? basename(resolve(dir)),
    ...(values['repo-url'] ? { repoUrl: values['repo-url'] } : {}),
    ...(values['edit-base'] ? { editBase: values['edit-base'] } : {}),
  });
}

async function docsBuild(dir, values) {
  const site = await build(dir, values);
  const out = resolve(values.out ?? join(dir, 'site'));
  await rm(out, { recursive: true, force: true });
  for (const [path, data] of site.files) {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFile(join(out, path), data);
  }
  console.log(`Built "${site.metadata.site_name}": ${site.pages.length} pages, ${site.files.size} files in ${out}`);
}

async function docsPublish(dir, values) {
  if (!values.entity) throw new UsageError('publish needs --entity kind:namespace/name');
  const target = entityPath(values.entity);
  const prebuilt = (await readdir(dir)).includes('techdocs_metadata.json');
  const files = prebuilt ? await readTree(dir, new Set(['node_modules', '.git'])) : (await build(dir, values)).files;
  const archive = gzipSync(createTar([...files].map(([name, data]) => ({ name, data }))));
  const base = (values.url ?? process.env.GREENROOM_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  const token = values.token ?? process.env.GREENROOM_TOKEN;
  const res = await fetch(`${base}/api/techdocs/publish/${target}`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: archive,
  });
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      message = JSON.parse(text).error?.message ?? text;
    } catch {
      // Not Backstage's error JSON (a proxy's page, say): shown as it came.
    }
    throw new Error(`The portal refused the site (HTTP ${res.status}): ${message}`);
  }
  const result = JSON.parse(text);
  console.log(`Published ${prebuilt ? 'the built site' : `"${basename(resolve(dir))}"`} to ${values.entity}: ${result.files} files (${result.removed} stale removed), etag ${result.etag.slice(0, 12)}`);
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      entity: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      'site-name': { type: 'string' },
      'repo-url': { type: 'string' },
      'edit-base': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [group, command, dir = '.', ...extra] = positionals;
  if (values.help) return console.log(USAGE);
  if (group !== 'docs' || !['build', 'publish'].includes(command) || extra.length) throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  if (command === 'build') await docsBuild(dir, values);
  else await docsPublish(dir, values);
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError || err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(err instanceof DocsBuildError ? `Build failed: ${err.message}` : `greenroom: ${err.message}`);
  process.exit(1);
}
