import type { Entity } from './entity';
import { checkFields, type FieldMap } from './kinds/fields';
import { findKindDefinition } from './kinds';
import { checkEntityPolicies } from './policy';
import { stringifyEntityRef } from './ref';

/** The outcome of validating one document: the entity, or the first rule it breaks. */
export type ValidationResult =
  | { ok: true; entity: Entity }
  | { ok: false; rule: string; message: string; ref?: string };

/** The outcome of checking only the envelope: enough to name the entity. */
export type EnvelopeResult =
  | { ok: true; ref: string; kind: string }
  | { ok: false; rule: string; message: string };

/** What every document needs before it has a ref (Backstage's EntityEnvelope schema). */
const ENVELOPE: FieldMap = {
  apiVersion: { type: 'string', required: true },
  kind: { type: 'string', required: true },
  metadata: {
    type: 'object',
    required: true,
    fields: { name: { type: 'string', required: true }, namespace: { type: 'string' } },
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks apiVersion, kind and metadata.name/namespace are present strings, and gives the lowercased ref. */
export function validateEnvelope(raw: unknown): EnvelopeResult {
  if (!isObject(raw)) return { ok: false, rule: 'envelope::type', message: '<root> must be object' };
  const issue = checkFields(raw, ENVELOPE, '');
  if (issue) return { ok: false, rule: `envelope:${issue.pointer}:${issue.keyword}`, message: issue.message };
  const entity = raw as unknown as Entity;
  return { ok: true, ref: stringifyEntityRef(entity), kind: entity.kind };
}

/** Validates a parsed document as Backstage does: envelope, then policies, then the kind's schema and refs. */
export function validateEntity(raw: unknown): ValidationResult {
  const envelope = validateEnvelope(raw);
  if (!envelope.ok) return envelope;
  const doc = raw as Record<string, unknown>;
  const entity = raw as Entity;
  const ref = envelope.ref;
  const policy = checkEntityPolicies(doc);
  if (policy) return { ok: false, ...policy, ref };
  const definition = findKindDefinition(entity.kind, entity.apiVersion);
  if (!definition) {
    return {
      ok: false,
      rule: 'unknown-kind',
      message: `No processor recognized the entity ${ref} as valid, possibly caused by a foreign kind or apiVersion`,
      ref,
    };
  }
  const issue = isObject(doc.spec)
    ? checkFields(doc.spec, definition.spec, '/spec')
    : { pointer: '/spec', keyword: 'required', message: "<root> must have required property 'spec'" };
  if (issue) return { ok: false, rule: `kind-schema:${issue.pointer}:${issue.keyword}`, message: issue.message, ref };
  return { ok: true, entity };
}
