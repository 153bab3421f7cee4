import { TextField } from '@kobalte/core/text-field';
import { Show } from 'solid-js';
import { FieldLabelText } from './FieldLabelText';
import { helpText, type FieldProps } from './fieldProps';

function toNumber(text: string, integer: boolean): unknown {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  // Keep what was typed when it is not a number, so validation can say so instead of it vanishing.
  return Number.isFinite(n) && (!integer || Number.isInteger(n)) ? n : text;
}

/** A string or number property: text input, `textarea` or `password` widget. */
export function TextInput(props: FieldProps) {
  const numeric = () => props.schema.type === 'number' || props.schema.type === 'integer';
  const text = () => (props.value === undefined || props.value === null ? '' : String(props.value));
  const onChange = (value: string) =>
    props.onChange(numeric() ? toNumber(value, props.schema.type === 'integer') : value === '' ? undefined : value);
  const inputType = () => (props.ui.widget === 'password' || props.ui.field === 'Secret' ? 'password' : 'text');

  return (
    <TextField
      class="field sc-field"
      value={text()}
      onChange={onChange}
      required={props.required}
      validationState={props.error ? 'invalid' : 'valid'}
      name={props.name}
    >
      <TextField.Label class="field-label">
        <FieldLabelText field={props} />
      </TextField.Label>
      <Show
        when={props.ui.widget === 'textarea'}
        fallback={
          <TextField.Input
            class="input"
            type={inputType()}
            inputMode={numeric() ? 'decimal' : undefined}
            autofocus={props.ui.autofocus}
            placeholder={props.ui.placeholder}
            autocomplete={inputType() === 'password' ? 'new-password' : 'off'}
            spellcheck={false}
          />
        }
      >
        <TextField.TextArea
          class="input sc-textarea"
          autofocus={props.ui.autofocus}
          placeholder={props.ui.placeholder}
          rows={typeof props.ui.options.rows === 'number' ? props.ui.options.rows : 4}
        />
      </Show>
      <Show when={helpText(props)}>
        <TextField.Description class="sc-help">{helpText(props)}</TextField.Description>
      </Show>
      <TextField.ErrorMessage class="sc-error">{props.error}</TextField.ErrorMessage>
    </TextField>
  );
}
