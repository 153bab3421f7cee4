import { Select } from '@kobalte/core/select';
import { Icon } from './Icon';

/** The closed face of a Kobalte dropdown: the picked option's label and a chevron. */
export function SelectTrigger(props: { autofocus?: boolean }) {
  return (
    <Select.Trigger class="select-trigger" autofocus={props.autofocus}>
      <Select.Value<{ label: string }> class="select-value">{(state) => state.selectedOption().label}</Select.Value>
      <Select.Icon class="select-icon">
        <Icon name="chevronDown" />
      </Select.Icon>
    </Select.Trigger>
  );
}
