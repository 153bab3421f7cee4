import { Gunzip, unzipSync } from 'fflate';
import { InputError } from '../../lib/errors';
import { sitePathProblem } from '../render/safe-path';
import { readTar } from './tar';

/** Limits of an uploaded site: beyond them the upload is refused, never half-stored. */
export const UPLOAD_LIMITS = { compressedBytes: 25 * 1024 * 1024, bytes: 50 * 1024 * 1024, files: 5000 };

const CHUNK = 64 * 1024;

/** Inflates a gzip stream chunk by chunk, refusing it as soon as it grows past the limit. */
function gunzipBounded(data: Uint8Array, limit: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const gunzip = new Gunzip((chunk) => {
    total += chunk.byteLength;
    if (total > limit) throw new InputError(`The archive unpacks to more than ${limit / 1048576} MB`);
    parts.push(chunk);
  });
  try {
    for (let i = 0; i < data.byteLength; i += CHUNK) gunzip.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.byteLength);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`The archive is not valid gzip: ${(e as Error).message}`);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Checks one archive member's name and returns it without a leading `./`. */
function memberPath(name: string): string {
  const path = name.replace(/^(\.\/)+/, '');
  const problem = sitePathProblem(path);
  if (problem) throw new InputError(`Archive entry "${name.slice(0, 200)}" has ${problem}`);
  return path;
}

function add(files: Map<string, Uint8Array>, name: string, data: Uint8Array): void {
  const path = memberPath(name);
  if (files.has(path)) throw new InputError(`Archive entry "${path}" appears twice`);
  files.set(path, data);
  if (files.size > UPLOAD_LIMITS.files) throw new InputError(`The archive has more than ${UPLOAD_LIMITS.files} files`);
}

const isGzip = (d: Uint8Array) => d[0] === 0x1f && d[1] === 0x8b;
const isZip = (d: Uint8Array) => d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;

/**
 * Unpacks an uploaded site archive (tar.gz or zip, told apart by their magic bytes) into files by
 * path. Directories are skipped, links and devices refused, every path checked (no `..`, no
 * absolute paths, no odd characters) and sizes bounded while inflating.
 */
export function unpackArchive(data: Uint8Array): Map<string, Uint8Array> {
  if (data.byteLength > UPLOAD_LIMITS.compressedBytes) throw new InputError(`The archive is larger than ${UPLOAD_LIMITS.compressedBytes / 1048576} MB`);
  const files = new Map<string, Uint8Array>();
  if (isGzip(data)) {
    const tar = gunzipBounded(data, UPLOAD_LIMITS.bytes);
    for (const member of readTar(tar)) {
      if (member.type === 'directory') continue;
      if (member.type !== 'file') throw new InputError(`Archive entry "${member.name.slice(0, 200)}" is not a regular file (type ${JSON.stringify(member.type)}); only files are accepted`);
      add(files, member.name, member.data);
    }
  } else if (isZip(data)) {
    let total = 0;
    let unpacked: Record<string, Uint8Array>;
    try {
      unpacked = unzipSync(data, {
        filter(file) {
          total += file.originalSize;
          if (total > UPLOAD_LIMITS.bytes) throw new InputError(`The archive unpacks to more than ${UPLOAD_LIMITS.bytes / 1048576} MB`);
          return !file.name.endsWith('/');
        },
      });
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`The archive is not a valid zip file: ${(e as Error).message}`);
    }
    for (const [name, content] of Object.entries(unpacked)) add(files, name, content);
  } else {
    throw new InputError('The body must be a tar.gz or zip archive of a built site (techdocs-cli generate output)');
  }
  if (files.size === 0) throw new InputError('The archive contains no files');
  return files;
}
