import { parseEntityRef } from '../ref';
import type { RelationType } from '../relations';

/** A spec field that holds entity refs, and the relation it makes from the entity that has it. */
export interface RefField {
  /** Kind assumed when a ref leaves it out; absent means the ref must name its kind. */
  defaultKind?: string;
  relation: RelationType;
}

interface Base {
  required?: boolean;
}

/** The shape of one field, after Backstage's JSON schemas (only the keywords they use). */
export type FieldShape =
  | (Base & { type: 'string'; allowEmpty?: boolean; enum?: readonly string[]; ref?: RefField })
  | (Base & { type: 'string[]'; ref?: RefField })
  | (Base & { type: 'string|boolean' })
  | (Base & { type: 'object'; fields?: FieldMap; additional?: FieldShape })
  | (Base & { type: 'object[]'; fields?: FieldMap })
  | (Base & { type: 'object|object[]' });

export type FieldMap = Readonly<Record<string, FieldShape>>;

/** What a kind adds to the envelope: its apiVersions and its spec fields. */
export interface KindDefinition {
  kind: string;
  apiVersions: readonly string[];
  spec: FieldMap;
}

/** One schema violation: where (JSON pointer), which keyword, and a message in ajv's wording. */
export interface SchemaIssue {
  pointer: string;
  keyword: string;
  message: string;
}

/** The apiVersions Backstage accepts for its built-in catalog kinds. */
export const BACKSTAGE_API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function where(pointer: string): string {
  return pointer === '' ? '<root>' : pointer;
}

function typeIssue(pointer: string, expected: string): SchemaIssue {
  return { pointer, keyword: 'type', message: `${where(pointer)} must be ${expected}` };
}

function checkString(value: unknown, shape: Extract<FieldShape, { type: 'string' }>, pointer: string) {
  if (typeof value !== 'string') return typeIssue(pointer, 'string');
  if (!shape.allowEmpty && value.length === 0) {
    return { pointer, keyword: 'minLength', message: `${pointer} must NOT have fewer than 1 characters` };
  }
  if (shape.enum && !shape.enum.includes(value)) {
    return {
      pointer,
      keyword: 'enum',
      message: `${pointer} must be equal to one of the allowed values: ${shape.enum.join(', ')}`,
    };
  }
  return shape.ref ? checkRef(value, shape.ref, pointer) : undefined;
}

function checkRef(value: string, ref: RefField, pointer: string): SchemaIssue | undefined {
  try {
    parseEntityRef(value, ref.defaultKind ? { defaultKind: ref.defaultKind } : {});
    return undefined;
  } catch (e) {
    return { pointer, keyword: 'entity-ref', message: `${pointer} is not a valid entity reference: ${(e as Error).message}` };
  }
}

function checkValue(value: unknown, shape: FieldShape, pointer: string): SchemaIssue | undefined {
  switch (shape.type) {
    case 'string':
      return checkString(value, shape, pointer);
    case 'string[]': {
      if (!Array.isArray(value)) return typeIssue(pointer, 'array');
      for (const [i, item] of value.entries()) {
        const issue = checkString(item, { type: 'string', ...(shape.ref ? { ref: shape.ref } : {}) }, childPointer(pointer, i));
        if (issue) return issue;
      }
      return undefined;
    }
    case 'string|boolean':
      return typeof value === 'string' || typeof value === 'boolean' ? undefined : typeIssue(pointer, 'string,boolean');
    case 'object':
      if (!isObject(value)) return typeIssue(pointer, 'object');
      return checkFields(value, shape.fields ?? {}, pointer, shape.additional);
    case 'object[]': {
      if (!Array.isArray(value)) return typeIssue(pointer, 'array');
      for (const [i, item] of value.entries()) {
        const issue = checkValue(item, { type: 'object', ...(shape.fields ? { fields: shape.fields } : {}) }, childPointer(pointer, i));
        if (issue) return issue;
      }
      return undefined;
    }
    case 'object|object[]':
      if (isObject(value)) return undefined;
      if (!Array.isArray(value)) return typeIssue(pointer, 'object or an array of objects');
      return checkValue(value, { type: 'object[]' }, pointer);
  }
}

/** Checks an object's fields against a field map; the first violation wins, as ajv reports it. */
export function checkFields(
  value: Record<string, unknown>,
  fields: FieldMap,
  pointer: string,
  additional?: FieldShape,
): SchemaIssue | undefined {
  for (const [key, shape] of Object.entries(fields)) {
    if (shape.required && !Object.hasOwn(value, key)) {
      return {
        pointer: childPointer(pointer, key),
        keyword: 'required',
        message: `${where(pointer)} must have required property '${key}'`,
      };
    }
  }
  for (const [key, item] of Object.entries(value)) {
    const shape = Object.hasOwn(fields, key) ? fields[key] : additional;
    if (shape === undefined) continue;
    const issue = checkValue(item, shape, childPointer(pointer, key));
    if (issue) return issue;
  }
  return undefined;
}
