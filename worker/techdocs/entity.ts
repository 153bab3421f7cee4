import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { NotFoundError } from '../lib/errors';
import { ANNOTATION, type Entity } from '../catalog/model/entity';
import { checkDocsEntity, docsEntityRef, type DocsEntity } from './paths';

/** The checked entity triplet of a docs route's `:namespace/:kind/:name`. */
const routeTarget = (c: Context<AppEnv>) => checkDocsEntity(c.req.param('namespace') ?? '', c.req.param('kind') ?? '', c.req.param('name') ?? '');

/** The catalog entity a docs route names, read as the caller may read it; 404 otherwise. */
export async function readDocsEntity(c: Context<AppEnv>): Promise<{ target: DocsEntity; entity: Entity }> {
  const target = routeTarget(c);
  const [row] = await c.var.store.readByRefs([docsEntityRef(target)]);
  if (!row) throw new NotFoundError(`No entity ${docsEntityRef(target)}`);
  return { target, entity: JSON.parse(row.json) as Entity };
}

/**
 * The docs entity a route names when the route needs only to know the caller may read it (file
 * serving): one indexed lookup, no entity body or relations read. 404 otherwise.
 */
export async function readableDocsEntity(c: Context<AppEnv>): Promise<DocsEntity> {
  const target = routeTarget(c);
  if ((await c.var.store.entityMatch({ ref: docsEntityRef(target) }, { all: [] })) === 'absent') throw new NotFoundError(`No entity ${docsEntityRef(target)}`);
  return target;
}

/** The title a site gets when its sources name none: the entity's title, else its name. */
export const entityTitle = (entity: Entity) => (typeof entity.metadata.title === 'string' && entity.metadata.title) || entity.metadata.name;

/** The entity's `backstage.io/techdocs-ref` annotation, if any. */
export const techdocsRef = (entity: Entity): string | undefined => entity.metadata.annotations?.[ANNOTATION.techdocsRef];
