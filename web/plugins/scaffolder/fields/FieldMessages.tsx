import { createUniqueId, Show } from 'solid-js';
import { helpText, type FieldProps } from './fieldProps';

/** The ids of a field's help and error lines, and the `aria-describedby` naming those it shows. */
export function createFieldMessages(field: FieldProps) {
  const ids = { help: createUniqueId(), error: createUniqueId() };
  const describedBy = () => [helpText(field) ? ids.help : '', field.error ? ids.error : ''].filter(Boolean).join(' ') || undefined;
  return { ids, describedBy };
}

/** The help text and validation message under a field that has no Kobalte description/error slots. */
export function FieldMessages(props: { field: FieldProps; ids: { help: string; error: string } }) {
  return (
    <>
      <Show when={helpText(props.field)}>
        <p class="sc-help" id={props.ids.help}>
          {helpText(props.field)}
        </p>
      </Show>
      <Show when={props.field.error}>
        <p class="sc-error" id={props.ids.error}>
          {props.field.error}
        </p>
      </Show>
    </>
  );
}
