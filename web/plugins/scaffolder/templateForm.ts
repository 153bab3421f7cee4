import type { TemplateParameterSchema } from '../../api/scaffolderApi';
import {
  formPages,
  secretFields,
  visibleFields,
  visiblePages,
  type FormField,
  type FormPage,
  type ParameterError,
} from '../../../worker/scaffolder/template/parameters';

export type { FormField, FormPage, ParameterError };

/**
 * Rebuilds a template's `spec.parameters` from the parameter-schema answer (one entry per page,
 * `ui:*` keys and `when` kept), so the shared form code reads exactly what the server validates.
 */
export function parametersOf(answer: TemplateParameterSchema): Record<string, unknown>[] {
  return answer.steps.map((step) => {
    const page: Record<string, unknown> = { ...step.schema, title: step.title };
    if (step.description) page.description = step.description;
    const when = (step as { when?: unknown }).when;
    if (when !== undefined) page.when = when;
    return page;
  });
}

/** The first message for each field, keyed by field path, for showing errors inline. */
export function errorsByField(errors: ParameterError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { path, message } of errors) byField[path || ''] ??= message;
  return byField;
}

/** The fields shown right now across the visible pages, in order. */
function shownFields(pages: FormPage[], values: Record<string, unknown>): FormField[] {
  return visiblePages(pages, values).flatMap((page) => visibleFields(page, values));
}

/**
 * What to send: only the values of fields currently shown (a field hidden by a choice made later
 * is not sent), with secret fields moved to `secrets` so they never land among stored values.
 */
export function taskRequest(parameters: unknown, values: Record<string, unknown>): { values: Record<string, unknown>; secrets: Record<string, string> } {
  const secrets = new Set(secretFields(parameters));
  const out: { values: Record<string, unknown>; secrets: Record<string, string> } = { values: {}, secrets: {} };
  for (const field of shownFields(formPages(parameters), values)) {
    const value = values[field.name];
    if (value === undefined) continue;
    if (secrets.has(field.name)) out.secrets[field.name] = typeof value === 'string' ? value : JSON.stringify(value);
    else out.values[field.name] = value;
  }
  return out;
}
