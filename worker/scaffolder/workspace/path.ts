import { InputError } from '../../lib/errors';

/**
 * Normalises a workspace path (`/x` means the workspace root, as in Backstage templates) and
 * refuses anything that would leave the workspace (`..`, drive letters), so a template or its
 * values can never write outside its own folder.
 */
export function workspacePath(path: string, base = ''): string {
  const joined = base ? `${base.replace(/\/+$/, '')}/${path}` : path;
  if (/^[a-zA-Z]:[\\/]/.test(joined)) throw new InputError(`Path "${path}" must be relative to the workspace`);
  const out: string[] = [];
  for (const part of joined.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') throw new InputError(`Path "${path}" must stay inside the workspace`);
    out.push(part);
  }
  return out.join('/');
}
