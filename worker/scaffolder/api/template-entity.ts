import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import type { Entity } from '../../catalog/model/entity';
import { parseEntityRef, stringifyEntityRef } from '../../catalog/model/ref';
import { InputError, NotFoundError } from '../../lib/errors';
import { ensureBuiltinTemplates, isBuiltinTemplate } from '../builtin/register';

/** The Template entity a ref names, as the caller may read it (404 otherwise). */
export async function readTemplate(c: Context<AppEnv>, ref: string): Promise<{ entity: Entity; ref: string }> {
  let parsed;
  try {
    parsed = parseEntityRef(ref, { defaultKind: 'Template' });
  } catch (e) {
    throw new InputError(`Invalid templateRef "${ref}": ${(e as Error).message}`);
  }
  if (parsed.kind.toLowerCase() !== 'template') throw new InputError(`${ref} is not a Template`);
  const full = stringifyEntityRef(parsed);
  // Only a built-in template can need (re)writing; any other is read as the catalog has it.
  if (isBuiltinTemplate(full)) await ensureBuiltinTemplates(c.var.store);
  const [row] = await c.var.store.readByRefs([full]);
  if (!row) throw new NotFoundError(`Template ${full} not found`);
  return { entity: JSON.parse(row.json) as Entity, ref: full };
}
