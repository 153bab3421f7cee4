import { Show } from 'solid-js';
import type { FieldProps } from './fieldProps';

/** A field's label followed by the required marker, for whichever label element the field uses. */
export function FieldLabelText(props: { field: FieldProps }) {
  return (
    <>
      {props.field.label}
      <Show when={props.field.required}>
        <span class="sc-required" aria-hidden="true"> *</span>
      </Show>
    </>
  );
}
