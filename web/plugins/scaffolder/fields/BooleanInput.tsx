import { Checkbox } from '@kobalte/core/checkbox';
import { Show } from 'solid-js';
import { Icon } from '../../../components/Icon';
import { helpText, type FieldProps } from './fieldProps';

/** A boolean property as a checkbox. */
export function BooleanInput(props: FieldProps) {
  return (
    <Checkbox
      class="sc-field sc-checkbox"
      checked={props.value === true}
      onChange={(checked) => props.onChange(checked)}
      validationState={props.error ? 'invalid' : 'valid'}
      name={props.name}
    >
      <div class="sc-checkbox-row">
        <Checkbox.Input class="sc-checkbox-input" autofocus={props.ui.autofocus} />
        <Checkbox.Control class="sc-checkbox-control">
          <Checkbox.Indicator>
            <Icon name="check" size={14} />
          </Checkbox.Indicator>
        </Checkbox.Control>
        <Checkbox.Label class="sc-checkbox-label">{props.label}</Checkbox.Label>
      </div>
      <Show when={helpText(props)}>
        <Checkbox.Description class="sc-help">{helpText(props)}</Checkbox.Description>
      </Show>
      <Checkbox.ErrorMessage class="sc-error">{props.error}</Checkbox.ErrorMessage>
    </Checkbox>
  );
}
