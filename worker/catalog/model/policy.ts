import { ANNOTATION } from './entity';
import {
  EXPECTATION,
  isSafeLinkUrl,
  isValidApiVersion,
  isValidEntityName,
  isValidKey,
  isValidKind,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
} from './format';

/** A failed policy check: its rule class (`policy:…`) and a message naming field, expectation and value. */
export interface PolicyIssue {
  rule: string;
  message: string;
}

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'relations', 'status']);

/** Annotations whose values the UI renders as links, so they get the same scheme check as `metadata.links`. */
const LINK_ANNOTATIONS: ReadonlySet<string> = new Set([ANNOTATION.viewUrl, ANNOTATION.editUrl]);

const MAX_SHOWN = 120;

function show(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function formatIssue(rule: string, field: string, expectation: string, value: unknown): PolicyIssue {
  return {
    rule: `policy:field-format:${rule}`,
    message: `"${field}" is not valid; expected ${expectation} but found ${show(value)}`,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeyValues(
  field: 'labels' | 'annotations',
  value: unknown,
  valueOk: (key: string, v: unknown) => boolean,
  expectation: string,
): PolicyIssue | undefined {
  const path = `metadata.${field}`;
  if (!isObject(value)) return formatIssue(path, path, 'an object', value);
  for (const [key, v] of Object.entries(value)) {
    if (!isValidKey(key)) return formatIssue(path, path, `keys that are ${EXPECTATION.key}`, key);
    if (!valueOk(key, v)) return formatIssue(path, `${path}.${key}`, expectation, v);
  }
  return undefined;
}

function checkLinks(value: unknown): PolicyIssue | undefined {
  const path = 'metadata.links';
  if (!Array.isArray(value)) return formatIssue(path, path, 'an array', value);
  for (const [i, link] of value.entries()) {
    if (!isObject(link)) return formatIssue(path, `${path}[${i}]`, 'an object with a url', link);
    if (!isSafeLinkUrl(link.url)) return formatIssue(path, `${path}[${i}].url`, EXPECTATION.linkUrl, link.url);
    for (const key of ['title', 'icon', 'type'] as const) {
      if (link[key] !== undefined && typeof link[key] !== 'string') {
        return formatIssue(path, `${path}[${i}].${key}`, EXPECTATION.string, link[key]);
      }
    }
  }
  return undefined;
}

function checkMetadata(metadata: Record<string, unknown>): PolicyIssue | undefined {
  if (!isValidEntityName(metadata.name)) {
    return formatIssue('metadata.name', 'metadata.name', EXPECTATION.name, metadata.name);
  }
  if (metadata.namespace !== undefined && !isValidNamespace(metadata.namespace)) {
    return formatIssue('metadata.namespace', 'metadata.namespace', EXPECTATION.namespace, metadata.namespace);
  }
  if (metadata.labels !== undefined) {
    const issue = checkKeyValues('labels', metadata.labels, (_, v) => isValidLabelValue(v), EXPECTATION.labelValue);
    if (issue) return issue;
  }
  if (metadata.annotations !== undefined) {
    const issue = checkKeyValues(
      'annotations',
      metadata.annotations,
      (key, v) => typeof v === 'string' && (!LINK_ANNOTATIONS.has(key) || isSafeLinkUrl(v)),
      `${EXPECTATION.annotationValue}, and for view and edit URLs ${EXPECTATION.linkUrl}`,
    );
    if (issue) return issue;
  }
  if (metadata.tags !== undefined) {
    if (!Array.isArray(metadata.tags)) return formatIssue('metadata.tags', 'metadata.tags', 'an array', metadata.tags);
    const bad = metadata.tags.find((tag) => !isValidTag(tag));
    if (bad !== undefined) return formatIssue('metadata.tags', 'metadata.tags', EXPECTATION.tag, bad);
  }
  if (metadata.links !== undefined) {
    const issue = checkLinks(metadata.links);
    if (issue) return issue;
  }
  for (const key of ['title', 'description'] as const) {
    if (metadata[key] !== undefined && typeof metadata[key] !== 'string') {
      return formatIssue(`metadata.${key}`, `metadata.${key}`, EXPECTATION.string, metadata[key]);
    }
  }
  return undefined;
}

/**
 * Backstage's entity policies over an envelope-valid document: no foreign root fields, then
 * field formats (apiVersion, kind, metadata), then the types of spec, relations and status.
 */
export function checkEntityPolicies(entity: Record<string, unknown>): PolicyIssue | undefined {
  for (const key of Object.keys(entity)) {
    if (!ROOT_FIELDS.has(key)) {
      return {
        rule: `policy:foreign-root-field:${key}`,
        message: `Entity has an unknown root field "${key}"; only ${[...ROOT_FIELDS].join(', ')} are allowed`,
      };
    }
  }
  if (!isValidApiVersion(entity.apiVersion)) {
    return formatIssue('apiVersion', 'apiVersion', EXPECTATION.apiVersion, entity.apiVersion);
  }
  if (!isValidKind(entity.kind)) return formatIssue('kind', 'kind', EXPECTATION.kind, entity.kind);
  const issue = checkMetadata(entity.metadata as Record<string, unknown>);
  if (issue) return issue;
  if (entity.spec !== undefined && !isObject(entity.spec)) return formatIssue('spec', 'spec', 'an object', entity.spec);
  if (entity.relations !== undefined && !Array.isArray(entity.relations)) {
    return formatIssue('relations', 'relations', 'an array', entity.relations);
  }
  if (entity.status !== undefined && !isObject(entity.status)) {
    return formatIssue('status', 'status', 'an object', entity.status);
  }
  return undefined;
}
