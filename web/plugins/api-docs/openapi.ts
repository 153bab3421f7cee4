/** A JSON object as found in a definition. */
export type Json = Record<string, unknown>;

/** One parameter of an operation. */
export interface ParameterModel {
  name: string;
  in: string;
  required: boolean;
  deprecated: boolean;
  description?: string;
  schema?: Json;
}

/** A body (request or response) in one media type. */
export interface ContentModel {
  mediaType: string;
  schema?: Json;
}

/** One response of an operation. */
export interface ResponseModel {
  status: string;
  description?: string;
  content: ContentModel[];
}

/** One operation (method + path). */
export interface OperationModel {
  id: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  operationId?: string;
  deprecated: boolean;
  parameters: ParameterModel[];
  requestBody?: { description?: string; required: boolean; content: ContentModel[] };
  responses: ResponseModel[];
}

/** Operations that share a tag. */
export interface TagGroup {
  /** Empty for operations without a tag. */
  tag: string;
  description?: string;
  operations: OperationModel[];
}

/** What the viewer shows of an OpenAPI (3.x) or Swagger (2.0) document. */
export interface OpenApiModel {
  title?: string;
  version?: string;
  description?: string;
  specVersion: string;
  servers: string[];
  groups: TagGroup[];
  schemas: { name: string; schema: Json }[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Follows a local `$ref` (`#/components/schemas/Pet`, `#/definitions/Pet`) within the document.
 * Remote refs are left unresolved (nothing is fetched for a definition).
 */
function resolvePointer(doc: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return isObject(node) ? node : undefined;
}

/** An object that may be a `$ref`, resolved up to a few hops (refs to refs), never looping. */
export function deref(doc: Json, value: unknown): Json | undefined {
  let node = isObject(value) ? value : undefined;
  for (let hops = 0; node && typeof node.$ref === 'string' && hops < 8; hops++) node = resolvePointer(doc, node.$ref);
  return node && typeof node.$ref === 'string' ? undefined : node;
}

/** The last segment of a `$ref`, the name readers know the schema by. */
export function refName(ref: string): string {
  return decodeURIComponent(ref.split('/').pop() ?? ref);
}

function parametersOf(doc: Json, list: unknown): ParameterModel[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw) => {
    const p = deref(doc, raw);
    if (!p || typeof p.name !== 'string' || typeof p.in !== 'string') return [];
    // Swagger 2 puts the schema on the parameter itself (type, format, items…).
    const schema = isObject(p.schema) ? p.schema : p.type ? (p as Json) : undefined;
    return [{ name: p.name, in: p.in, required: p.required === true || p.in === 'path', deprecated: p.deprecated === true, description: str(p.description), schema }];
  });
}

function contentOf(content: unknown): ContentModel[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([mediaType, media]) => ({ mediaType, schema: isObject(media) && isObject(media.schema) ? media.schema : undefined }));
}

function operationOf(doc: Json, path: string, method: string, op: Json, shared: unknown, swagger2: boolean): OperationModel {
  const all = [...parametersOf(doc, shared), ...parametersOf(doc, op.parameters)];
  // An operation's own parameter replaces a path-level one with the same name and place.
  const byKey = new Map(all.map((p) => [`${p.in}:${p.name}`, p]));
  let parameters = [...byKey.values()];
  let requestBody: OperationModel['requestBody'];
  if (swagger2) {
    const body = parameters.find((p) => p.in === 'body');
    const consumes = (Array.isArray(op.consumes) ? op.consumes : Array.isArray(doc.consumes) ? doc.consumes : ['application/json']) as string[];
    if (body) requestBody = { description: body.description, required: body.required, content: consumes.map((mediaType) => ({ mediaType, schema: body.schema })) };
    parameters = parameters.filter((p) => p.in !== 'body');
  } else {
    const body = deref(doc, op.requestBody);
    if (body) requestBody = { description: str(body.description), required: body.required === true, content: contentOf(body.content) };
  }
  const responses = isObject(op.responses)
    ? Object.entries(op.responses).map(([status, raw]) => {
        const r = deref(doc, raw) ?? {};
        const content = swagger2 ? (isObject(r.schema) ? [{ mediaType: 'application/json', schema: r.schema }] : []) : contentOf(r.content);
        return { status, description: str(r.description), content };
      })
    : [];
  return {
    id: `${method}-${path}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
    method,
    path,
    summary: str(op.summary),
    description: str(op.description),
    operationId: str(op.operationId),
    deprecated: op.deprecated === true,
    parameters,
    requestBody,
    responses,
  };
}

/**
 * Reads an OpenAPI 3.x or Swagger 2.0 document into operations grouped by tag (in the order the
 * document declares its tags, untagged ones last) and its named schemas. Throws on anything else.
 */
export function openApiModel(input: unknown): OpenApiModel {
  if (!isObject(input)) throw new Error('The definition is not an object.');
  const specVersion = str(input.openapi) ?? str(input.swagger);
  if (!specVersion) throw new Error('The definition has neither an "openapi" nor a "swagger" version field.');
  const swagger2 = specVersion.startsWith('2');
  const info = isObject(input.info) ? input.info : {};
  const groups = new Map<string, TagGroup>();
  const declared = Array.isArray(input.tags) ? input.tags.filter(isObject) : [];
  for (const tag of declared) if (typeof tag.name === 'string') groups.set(tag.name, { tag: tag.name, description: str(tag.description), operations: [] });
  const paths = isObject(input.paths) ? input.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(input, rawItem);
    if (!item) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operation = operationOf(input, path, method, op, item.parameters, swagger2);
      const tags = Array.isArray(op.tags) && op.tags.length ? op.tags.filter((t): t is string => typeof t === 'string') : [''];
      for (const tag of tags) {
        const group = groups.get(tag) ?? { tag, operations: [] };
        group.operations.push(operation);
        groups.set(tag, group);
      }
    }
  }
  const servers = swagger2
    ? typeof input.host === 'string'
      ? [`${Array.isArray(input.schemes) && typeof input.schemes[0] === 'string' ? input.schemes[0] : 'https'}://${input.host}${typeof input.basePath === 'string' ? input.basePath : ''}`]
      : []
    : Array.isArray(input.servers)
      ? input.servers.filter(isObject).flatMap((s) => (typeof s.url === 'string' ? [s.url] : []))
      : [];
  const schemaSource = swagger2 ? input.definitions : isObject(input.components) ? input.components.schemas : undefined;
  const schemas = isObject(schemaSource) ? Object.entries(schemaSource).flatMap(([name, schema]) => (isObject(schema) ? [{ name, schema }] : [])) : [];
  return {
    title: str(info.title),
    version: str(info.version),
    description: str(info.description),
    specVersion,
    servers,
    groups: [...groups.values()].filter((g) => g.operations.length),
    schemas,
  };
}

/** A one-line summary of a schema's type: `string (date-time)`, `array of Pet`, `Pet`, `one of A | B`. */
export function schemaType(doc: Json, schema: Json | undefined): string {
  if (!schema) return 'any';
  if (typeof schema.$ref === 'string') return refName(schema.$ref);
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = schema[combinator];
    if (Array.isArray(list)) {
      const words = { oneOf: 'one of', anyOf: 'any of', allOf: 'all of' }[combinator];
      return `${words} ${list.map((s) => schemaType(doc, isObject(s) ? s : undefined)).join(combinator === 'allOf' ? ' & ' : ' | ')}`;
    }
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : str(schema.type);
  if (type === 'array') return `array of ${schemaType(doc, isObject(schema.items) ? schema.items : undefined)}`;
  const base = type ?? (isObject(schema.properties) ? 'object' : 'any');
  return schema.format ? `${base} (${String(schema.format)})` : base;
}
