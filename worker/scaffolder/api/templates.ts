import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import type { Entity } from '../../catalog/model/entity';
import { ACTIONS } from '../actions';
import { BUILTIN_ANNOTATION, ensureBuiltinTemplates } from '../builtin/register';
import { formPages } from '../template/parameters';
import { readTemplate } from './template-entity';

const MAX_TEMPLATES = 500;

/** A template as the gallery lists it. */
function summary(entity: Entity, ref: string) {
  const spec = entity.spec ?? {};
  return {
    entityRef: ref,
    name: entity.metadata.name,
    namespace: entity.metadata.namespace ?? 'default',
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description ?? '',
    tags: entity.metadata.tags ?? [],
    ...(typeof spec.owner === 'string' ? { owner: spec.owner } : {}),
    type: typeof spec.type === 'string' ? spec.type : '',
    builtin: Boolean(entity.metadata.annotations?.[BUILTIN_ANNOTATION]),
    entity,
  };
}

/** The template gallery, a template's form (parameter-schema) and the action registry. */
export const templateRoutes = new Hono<AppEnv>()
  .get('/v2/templates', async (c) => {
    await ensureBuiltinTemplates(c.var.store);
    const { rows } = await c.var.store.readPage({ filter: { key: 'kind', values: ['template'] }, order: [{ field: 'metadata.name', order: 'asc' }], limit: MAX_TEMPLATES });
    const q = c.req.query('q')?.toLowerCase().trim();
    const tags = c.req.queries('tag')?.map((t) => t.toLowerCase()) ?? [];
    const owners = c.req.queries('owner')?.map((o) => o.toLowerCase()) ?? [];
    const items = rows
      .map((r) => {
        const entity = JSON.parse(r.json) as Entity;
        return summary(entity, r.ref);
      })
      .filter((t) => !q || `${t.title} ${t.name} ${t.description} ${t.tags.join(' ')}`.toLowerCase().includes(q))
      .filter((t) => !tags.length || t.tags.some((tag) => tags.includes(tag.toLowerCase())))
      .filter((t) => !owners.length || (t.owner !== undefined && owners.some((o) => [t.owner!.toLowerCase(), `group:default/${t.owner!.toLowerCase()}`].includes(o))));
    return c.json({ items, githubHost: c.var.config.github.host });
  })
  .get('/v2/templates/:namespace/:kind/:name/parameter-schema', async (c) => {
    const { namespace, kind, name } = c.req.param();
    const { entity } = await readTemplate(c, `${kind}:${namespace}/${name}`);
    const raw = entity.spec?.parameters;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Record<string, unknown>[];
    const pages = formPages(raw);
    return c.json({
      title: entity.metadata.title ?? entity.metadata.name,
      ...(entity.metadata.description ? { description: entity.metadata.description } : {}),
      steps: pages.map((p) => {
        const { title: _t, description: _d, when: _w, ...schema } = list[p.index] ?? {};
        return { title: p.title, ...(p.description ? { description: p.description } : {}), schema, ...(p.when !== undefined ? { when: p.when } : {}) };
      }),
    });
  })
  .get('/v2/actions', (c) =>
    c.json(
      [...ACTIONS.values()].map((a) => ({
        id: a.id,
        description: a.description,
        schema: { input: a.schema.input, ...(a.schema.output ? { output: a.schema.output } : {}) },
        ...(a.examples ? { examples: a.examples } : {}),
      })),
    ),
  );
