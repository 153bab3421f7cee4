import { InputError } from '../../lib/errors';

/** One sort key of a query. */
export interface OrderField {
  field: string;
  order: 'asc' | 'desc';
}

function check(field: string, order: string): OrderField {
  const f = field.trim().toLowerCase();
  const o = order.trim().toLowerCase();
  if (!f || f.length > 200) throw new InputError(`Invalid order field "${field}"`);
  if (o !== 'asc' && o !== 'desc') throw new InputError(`Invalid sort order "${order}", expected asc or desc`);
  return { field: f, order: o };
}

/** Parses by-query's `orderField=<field>,<asc|desc>` parameters. */
export function parseOrderFieldParams(params: string[]): OrderField[] {
  if (params.length > 5) throw new InputError('At most 5 order fields are supported');
  return params.map((p) => {
    const comma = p.lastIndexOf(',');
    return comma === -1 ? check(p, 'asc') : check(p.slice(0, comma), p.slice(comma + 1));
  });
}

/** Parses GET /entities' `order=<asc|desc>:<field>` parameters. */
export function parseOrderParams(params: string[]): OrderField[] {
  if (params.length > 5) throw new InputError('At most 5 order fields are supported');
  return params.map((p) => {
    const colon = p.indexOf(':');
    if (colon === -1) throw new InputError(`Invalid order "${p}", expected asc:<field> or desc:<field>`);
    return check(p.slice(colon + 1), p.slice(0, colon));
  });
}

/** Parses a predicate request's `orderBy: [{field, order}]`. */
export function parseOrderBody(value: unknown): OrderField[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length > 5) throw new InputError('At most 5 order fields are supported');
  return list.map((v) => {
    const o = v as { field?: unknown; order?: unknown };
    if (typeof o?.field !== 'string') throw new InputError('orderBy entries need a string field');
    return check(o.field, typeof o.order === 'string' ? o.order : 'asc');
  });
}
