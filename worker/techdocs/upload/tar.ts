import { InputError } from '../../lib/errors';

/** One member of a tar archive, its name exactly as the archive spells it. */
export interface TarMember {
  name: string;
  /** `file`, `directory`, or the typeflag of anything else (links, devices…). */
  type: string;
  data: Uint8Array;
}

const decoder = new TextDecoder();
const field = (block: Uint8Array, start: number, length: number) => {
  const bytes = block.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
};
const octal = (block: Uint8Array, start: number, length: number) => {
  const text = field(block, start, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new InputError('The archive is not a valid tar file (bad size field)');
  return text ? parseInt(text, 8) : 0;
};

/** `path` from a PAX extended header (`<len> path=<value>\n` records). */
function paxPath(data: Uint8Array): string | undefined {
  const text = decoder.decode(data);
  let path: string | undefined;
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    const length = Number(text.slice(at, space));
    if (space === -1 || !Number.isInteger(length) || length <= 0) break;
    const record = text.slice(space + 1, at + length - 1);
    if (record.startsWith('path=')) path = record.slice(5);
    at += length;
  }
  return path;
}

/**
 * Reads a tar archive (ustar, with PAX and GNU long names). Unlike general-purpose readers it
 * does not "fix" member names — a `../` in a name is reported as it is, so the caller can refuse
 * the archive rather than silently store something else.
 */
export function readTar(tar: Uint8Array): TarMember[] {
  const members: TarMember[] = [];
  let longName: string | undefined;
  for (let offset = 0; offset + 512 <= tar.byteLength; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw new InputError('The archive is not a valid tar file (bad header checksum)');
    const size = octal(header, 124, 12);
    const typeflag = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + 512;
    if (dataStart + size > tar.byteLength) throw new InputError('The archive is not a valid tar file (truncated)');
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (typeflag === 'x' || typeflag === 'L') {
      longName = typeflag === 'x' ? paxPath(data) : field(data, 0, data.byteLength);
      continue;
    }
    if (typeflag === 'g') continue;
    const prefix = decoder.decode(header.subarray(257, 263)).startsWith('ustar') ? field(header, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    const type = typeflag === '0' || typeflag === '\0' || typeflag === '7' ? 'file' : typeflag === '5' ? 'directory' : typeflag;
    members.push({ name, type, data });
  }
  if (members.length === 0 && tar.byteLength > 0 && tar.byteLength < 512) throw new InputError('The archive is not a valid tar file (truncated)');
  return members;
}

/** A header's checksum: the sum of its bytes with the checksum field itself read as spaces. */
function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  const stored = field(header, 148, 8).trim();
  return /^[0-7]+$/.test(stored) && parseInt(stored, 8) === sum;
}
