import { Select } from '@kobalte/core/select';
import { SelectOptionItem } from './SelectOptionItem';
import { SelectTrigger } from './SelectTrigger';

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
      itemComponent={(itemProps) => <SelectOptionItem item={itemProps.item} />}
    >
      <Select.Label class="field-label">{props.label}</Select.Label>
      <SelectTrigger />
      <Select.Portal>
        <Select.Content class="select-content">
          <Select.Listbox class="select-listbox" />
        </Select.Content>
      </Select.Portal>
    </Select>
  );
}
