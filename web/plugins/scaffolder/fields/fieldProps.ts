import type { JsonSchema } from '../../../api/scaffolderApi';
import type { UiHints } from './uiOptions';

/** What every form field component receives. */
export interface FieldProps {
  /** Property name within its page, also the DOM id stem. */
  name: string;
  label: string;
  schema: JsonSchema;
  ui: UiHints;
  required: boolean;
  value: unknown;
  /** The first validation message for this field, shown inline. */
  error?: string;
  onChange: (value: unknown) => void;
}

/** The field's description and `ui:help`, joined for the description slot. */
export function helpText(props: FieldProps): string | undefined {
  const parts = [typeof props.schema.description === 'string' ? props.schema.description : '', props.ui.help ?? ''].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

