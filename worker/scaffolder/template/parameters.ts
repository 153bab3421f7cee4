import { Validator, type Schema } from '@cfworker/json-schema';
import { evaluateCondition } from './expressions';

/**
 * A template's `spec.parameters` as form pages, conditional fields and validation. The same code
 * runs in the browser (the form wizard) and in the Worker (POST /v2/tasks), so both agree on what
 * is valid. No Worker-only APIs here.
 */

/** A JSON Schema object as written in a template (may carry `ui:*` keys). */
export type JsonSchema = Record<string, unknown>;

/** One form page: its object schema and the `ui:*` options of each field. */
export interface FormPage {
  /** Position in `spec.parameters`. */
  index: number;
  title: string;
  description?: string;
  /** `ui:*` keys removed from properties (they are not JSON Schema). */
  schema: JsonSchema;
  /** Field name → its `ui:*` options (`ui:field`, `ui:widget`, `ui:options`, `ui:autofocus`, …). */
  uiSchema: Record<string, Record<string, unknown>>;
  /** A `${{ … }}` condition on `parameters`: the page is shown (and validated) only when true. */
  when?: string | boolean;
}

/** One field to show, in order, after conditional fields are resolved. */
export interface FormField {
  name: string;
  schema: JsonSchema;
  ui: Record<string, unknown>;
  required: boolean;
}

/** A validation problem: `path` is the dotted field path (`''` for the whole form). */
export interface ParameterError {
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function splitUi(properties: Record<string, unknown>): { properties: Record<string, JsonSchema>; ui: Record<string, Record<string, unknown>> } {
  const out: Record<string, JsonSchema> = {};
  const ui: Record<string, Record<string, unknown>> = {};
  for (const [name, raw] of Object.entries(properties)) {
    if (!isObject(raw)) continue;
    const schema: JsonSchema = {};
    const options: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k.startsWith('ui:')) options[k] = v;
      else schema[k] = v;
    }
    out[name] = schema;
    if (Object.keys(options).length) ui[name] = options;
  }
  return { properties: out, ui };
}

function collectUi(schema: JsonSchema, ui: Record<string, Record<string, unknown>>): JsonSchema {
  const copy: JsonSchema = { ...schema };
  if (isObject(schema.properties)) {
    const split = splitUi(schema.properties);
    copy.properties = split.properties;
    for (const [k, v] of Object.entries(split.ui)) ui[k] = { ...ui[k], ...v };
  }
  if (isObject(schema.dependencies)) {
    const deps: Record<string, unknown> = {};
    for (const [k, dep] of Object.entries(schema.dependencies)) {
      if (!isObject(dep)) {
        deps[k] = dep;
        continue;
      }
      const d = collectUi(dep, ui);
      if (Array.isArray(dep.oneOf)) d.oneOf = dep.oneOf.map((b) => (isObject(b) ? collectUi(b, ui) : b));
      deps[k] = d;
    }
    copy.dependencies = deps;
  }
  return copy;
}

/** Turns `spec.parameters` (one object schema or an array of pages) into form pages. */
export function formPages(parameters: unknown): FormPage[] {
  const list = Array.isArray(parameters) ? parameters : parameters === undefined || parameters === null ? [] : [parameters];
  return list.filter(isObject).map((raw, index) => {
    const uiSchema: Record<string, Record<string, unknown>> = {};
    const { title, description, when, ...rest } = raw;
    const schema = collectUi({ type: 'object', ...rest }, uiSchema);
    const page: FormPage = { index, title: typeof title === 'string' ? title : `Step ${index + 1}`, schema, uiSchema };
    if (typeof description === 'string') page.description = description;
    if (typeof when === 'string' || typeof when === 'boolean') page.when = when;
    return page;
  });
}

function branchMatches(branch: JsonSchema, known: Record<string, JsonSchema>, values: Record<string, unknown>): boolean {
  if (!isObject(branch.properties)) return false;
  // A oneOf branch is chosen by the fields it shares with the page (RJSF's rule): their values must fit it.
  const shared = Object.entries(branch.properties).filter(([k]) => k in known);
  if (!shared.length) return false;
  return shared.every(([k, s]) => isObject(s) && new Validator(s as Schema, '7', false).validate(values[k]).valid && values[k] !== undefined);
}

/**
 * The page's schema with `dependencies` (array or schema form, incl. `oneOf` branches) resolved
 * against the current values: a flat object schema of the fields that apply now.
 */
export function resolveSchema(schema: JsonSchema, values: Record<string, unknown>): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...((schema.properties as Record<string, JsonSchema>) ?? {}) };
  const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const pending: Record<string, unknown>[] = isObject(schema.dependencies) ? [schema.dependencies] : [];
  const applied = new Set<unknown>();
  // Dependencies can add fields that have dependencies of their own; resolve until nothing changes.
  for (let round = 0; round < 16 && pending.length; round++) {
    const deps = pending.shift()!;
    for (const [key, dep] of Object.entries(deps)) {
      if (values[key] === undefined || !(key in properties) || applied.has(dep)) continue;
      applied.add(dep);
      if (Array.isArray(dep)) {
        for (const r of dep) if (typeof r === 'string') required.add(r);
        continue;
      }
      if (!isObject(dep)) continue;
      const branches = [dep, ...(Array.isArray(dep.oneOf) ? dep.oneOf.filter(isObject).filter((b) => branchMatches(b, properties, values)).slice(0, 1) : [])];
      for (const b of branches) {
        if (isObject(b.properties)) {
          for (const [k, s] of Object.entries(b.properties)) {
            if (!isObject(s)) continue;
            // The shared field's narrowing (its enum in the branch) is a selector, not a new field.
            if (b !== dep && k in properties) continue;
            properties[k] = s;
          }
        }
        if (Array.isArray(b.required)) for (const r of b.required) if (typeof r === 'string') required.add(r);
        if (isObject(b.dependencies)) pending.push(b.dependencies);
      }
    }
  }
  const { dependencies: _d, properties: _p, required: _r, ...rest } = schema;
  return { ...rest, type: 'object', properties, required: [...required].filter((r) => r in properties) };
}

/** The fields of a page to show now, in declaration order (`ui:order` honoured), with their ui options. */
export function visibleFields(page: FormPage, values: Record<string, unknown>): FormField[] {
  const resolved = resolveSchema(page.schema, values);
  const props = resolved.properties as Record<string, JsonSchema>;
  const required = new Set(resolved.required as string[]);
  let names = Object.keys(props);
  const order = (page.schema['ui:order'] ?? undefined) as unknown;
  if (Array.isArray(order)) {
    const listed = order.filter((n): n is string => typeof n === 'string' && n in props);
    names = [...listed, ...names.filter((n) => !listed.includes(n))];
  }
  return names.map((name) => ({ name, schema: props[name]!, ui: page.uiSchema[name] ?? {}, required: required.has(name) }));
}

/** Whether a page is shown for these values (its `when`, rendered with `{ parameters: values }`). */
export function isPageVisible(page: FormPage, values: Record<string, unknown>): boolean {
  try {
    return evaluateCondition(page.when, { parameters: values });
  } catch {
    // A `when` that cannot be evaluated yet (a field still empty) keeps the page hidden.
    return false;
  }
}

/** The pages shown for these values, in order. */
export function visiblePages(pages: FormPage[], values: Record<string, unknown>): FormPage[] {
  return pages.filter((p) => isPageVisible(p, values));
}

function fillDefaults(schema: JsonSchema, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const [k, s] of Object.entries((schema.properties as Record<string, JsonSchema>) ?? {})) {
    if (out[k] === undefined && s.default !== undefined) out[k] = structuredClone(s.default);
  }
  return out;
}

/**
 * The values with each shown field's `default` filled in where it is missing (the form does the
 * same when it opens; API callers get it on submit).
 */
export function applyDefaults(parameters: unknown, values: Record<string, unknown>): Record<string, unknown> {
  let out = { ...values };
  for (const page of formPages(parameters)) {
    // A default can make a dependency apply, whose fields have defaults too.
    for (let i = 0; i < 4; i++) {
      const next = fillDefaults(resolveSchema(page.schema, out), out);
      if (Object.keys(next).length === Object.keys(out).length) break;
      out = next;
    }
  }
  return out;
}

function pointerToPath(pointer: string): string {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

const WRAPPERS = new Set(['properties', 'items', 'allOf', 'anyOf', 'oneOf', 'dependencies', 'if', 'then', 'else', '$ref', 'additionalProperties', 'patternProperties', 'contains', 'prefixItems']);

function friendly(unit: { keyword: string; error: string }, schema: JsonSchema | undefined): string {
  switch (unit.keyword) {
    case 'required':
      return 'is required';
    case 'pattern':
      return `must match the pattern ${String(schema?.pattern)}`;
    case 'enum':
      return `must be one of: ${Array.isArray(schema?.enum) ? schema!.enum.map((v) => JSON.stringify(v)).join(', ') : ''}`;
    case 'type':
      return `must be of type ${String(schema?.type)}`;
    case 'minLength':
      return `must be at least ${String(schema?.minLength)} characters`;
    case 'maxLength':
      return `must be at most ${String(schema?.maxLength)} characters`;
    default:
      return unit.error.replace(/^Instance /, 'Value ');
  }
}

/** Validates the values against one page (its conditional fields resolved); `[]` when valid or hidden. */
export function validatePage(page: FormPage, values: Record<string, unknown>): ParameterError[] {
  if (!isPageVisible(page, values)) return [];
  const errors: ParameterError[] = [];
  const seen = new Set<string>();
  const schema = resolveSchema(page.schema, values);
  const result = new Validator(schema as Schema, '7', false).validate(values);
  for (const unit of result.errors) {
    if (WRAPPERS.has(unit.keyword)) continue;
    let path = pointerToPath(unit.instanceLocation);
    if (unit.keyword === 'required') {
      const missing = /"([^"]+)"/.exec(unit.error)?.[1];
      if (missing) path = path ? `${path}.${missing}` : missing;
    }
    const fieldSchema = path.split('.').reduce<JsonSchema | undefined>((s, k) => (s?.properties as Record<string, JsonSchema> | undefined)?.[k], schema);
    const message = friendly(unit, fieldSchema);
    const key = `${path}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ path, message });
  }
  return errors;
}

/**
 * Validates values against the template's parameters: every shown page, its conditional fields
 * resolved, with JSON Schema (draft 7) via @cfworker/json-schema. Returns one entry per problem,
 * `path` being the field (`owner`, `service.port`), empty when all is well.
 */
export function validateParameters(parameters: unknown, values: Record<string, unknown>): ParameterError[] {
  return formPages(parameters).flatMap((page) => validatePage(page, values));
}

/**
 * Names of fields that hold secrets (`ui:field: Secret` or `ui:widget: password`): the form sends
 * them in `secrets`, never in `values`, and the server moves any that arrive in `values` there.
 */
export function secretFields(parameters: unknown): string[] {
  const names = new Set<string>();
  for (const page of formPages(parameters)) {
    for (const [name, ui] of Object.entries(page.uiSchema)) {
      if (ui['ui:field'] === 'Secret' || ui['ui:widget'] === 'password') names.add(name);
    }
  }
  return [...names];
}
