import { Select } from '@kobalte/core/select';
import { Show } from 'solid-js';
import { Icon } from './Icon';

/** One choice of a `SelectField`; `count` is shown right-aligned in the list. */
export interface SelectOption {
  value: string;
  label: string;
  count?: number;
}

/** A labelled single-choice dropdown with keyboard navigation and typeahead. */
export function SelectField(props: {
  label: string;
  options: SelectOption[];
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  disabled?: boolean;
}) {
  const selected = () => props.options.find((o) => o.value === props.value) ?? null;

  return (
    <Select<SelectOption>
      class="field"
      options={props.options}
      optionValue="value"
      optionTextValue="label"
      value={selected()}
      // Kobalte also reports the initial value; only real changes may reach the URL.
      onChange={(option) => option && option.value !== props.value && props.onChange(option.value)}
      disallowEmptySelection
      placeholder={props.placeholder}
      disabled={props.disabled}
      gutter={4}
      sameWidth
      itemComponent={(itemProps) => (
        <Select.Item item={itemProps.item} class="select-item">
          <Select.ItemIndicator class="select-item-indicator">
            <Icon name="check" />
          </Select.ItemIndicator>
          <Select.ItemLabel class="select-item-label">{itemProps.item.rawValue.label}</Select.ItemLabel>
          <Show when={itemProps.item.rawValue.count !== undefined}>
            <span class="select-item-count">{itemProps.item.rawValue.count}</span>
          </Show>
        </Select.Item>
      )}
    >
      <Select.Label class="field-label">{props.label}</Select.Label>
      <Select.Trigger class="select-trigger">
        <Select.Value<SelectOption> class="select-value">{(state) => state.selectedOption().label}</Select.Value>
        <Select.Icon class="select-icon">
          <Icon name="chevronDown" />
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content class="select-content">
          <Select.Listbox class="select-listbox" />
        </Select.Content>
      </Select.Portal>
    </Select>
  );
}
