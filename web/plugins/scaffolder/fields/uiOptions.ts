import type { JsonSchema } from '../../../api/scaffolderApi';

/** The react-jsonschema-form `ui:*` keys a template may put on a property, read defensively. */
export interface UiHints {
  field?: string;
  widget?: string;
  options: Record<string, unknown>;
  autofocus: boolean;
  help?: string;
  placeholder?: string;
  /** `ui:backstage.review`: hidden from the review page, or shown masked. */
  review: { show: boolean; mask?: string };
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Reads the `ui:*` hints of one property schema. */
export function uiHints(schema: JsonSchema): UiHints {
  const options = record(schema['ui:options']);
  const review = record(record(schema['ui:backstage']).review);
  return {
    field: text(schema['ui:field']),
    widget: text(schema['ui:widget']),
    options,
    autofocus: schema['ui:autofocus'] === true,
    help: text(schema['ui:help']),
    placeholder: text(schema['ui:placeholder']) ?? text(options.placeholder),
    review: { show: review.show !== false, mask: text(review.mask) },
  };
}

/** A string list from `ui:options` (e.g. `allowedKinds`), or undefined when absent or malformed. */
export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** The label of a property: its `title`, else its name. */
export const fieldLabel = (name: string, schema: JsonSchema) => text(schema.title) ?? name;

/** The choices of an enum property with their labels (`enumNames`, or `ui:options.enumNames`). */
export function enumChoices(schema: JsonSchema): { value: unknown; label: string }[] {
  const values = Array.isArray(schema.enum) ? schema.enum : [];
  const names = stringList(schema.enumNames) ?? stringList(record(schema['ui:options']).enumNames) ?? [];
  return values.map((value, i) => ({ value, label: names[i] ?? String(value) }));
}
