import { RadioGroup } from '@kobalte/core/radio-group';
import { Select } from '@kobalte/core/select';
import { createMemo, For, Show } from 'solid-js';
import { SelectOptionItem } from '../../../components/SelectOptionItem';
import { SelectTrigger } from '../../../components/SelectTrigger';
import { FieldLabelText } from './FieldLabelText';
import { helpText, type FieldProps } from './fieldProps';
import { enumChoices } from './uiOptions';

interface Choice {
  key: string;
  value: unknown;
  label: string;
}

/** An enum property: a dropdown, or radio buttons with `ui:widget: radio` (booleans too). */
export function ChoiceInput(props: FieldProps) {
  // One list per schema, so the selected option keeps its identity while other fields change.
  const choices = createMemo((): Choice[] => {
    const list = props.schema.type === 'boolean' && !Array.isArray(props.schema.enum)
      ? [{ value: true, label: 'Yes' }, { value: false, label: 'No' }]
      : enumChoices(props.schema);
    // Keys are positions: enum values may be numbers or booleans, Kobalte wants strings.
    return list.map((c, i) => ({ ...c, key: String(i) }));
  });
  // Kobalte also reports the value it was given; only a different choice is a change.
  const pick = (choice: Choice | undefined) => {
    if (choice && choice.value !== props.value) props.onChange(choice.value);
  };
  const selected = () => choices().find((c) => c.value === props.value);

  return (
    <Show
      when={props.ui.widget === 'radio'}
      fallback={
        <Select<Choice>
          class="field sc-field"
          options={choices()}
          optionValue="key"
          optionTextValue="label"
          value={selected() ?? null}
          onChange={(choice) => pick(choice ?? undefined)}
          required={props.required}
          validationState={props.error ? 'invalid' : 'valid'}
          placeholder={props.ui.placeholder ?? 'Choose…'}
          name={props.name}
          gutter={4}
          sameWidth
          itemComponent={(item) => <SelectOptionItem item={item.item} />}
        >
          <Select.Label class="field-label">
            <FieldLabelText field={props} />
          </Select.Label>
          <SelectTrigger autofocus={props.ui.autofocus} />
          <Show when={helpText(props)}>
            <Select.Description class="sc-help">{helpText(props)}</Select.Description>
          </Show>
          <Select.ErrorMessage class="sc-error">{props.error}</Select.ErrorMessage>
          <Select.Portal>
            <Select.Content class="select-content">
              <Select.Listbox class="select-listbox" />
            </Select.Content>
          </Select.Portal>
        </Select>
      }
    >
      <RadioGroup
        class="field sc-field"
        value={selected()?.key ?? ''}
        onChange={(key) => pick(choices().find((c) => c.key === key))}
        required={props.required}
        validationState={props.error ? 'invalid' : 'valid'}
        name={props.name}
      >
        <RadioGroup.Label class="field-label">
          <FieldLabelText field={props} />
        </RadioGroup.Label>
        <div class="sc-radio-list" role="presentation">
          <For each={choices()}>
            {(choice, i) => (
              <RadioGroup.Item value={choice.key} class="sc-radio">
                <RadioGroup.ItemInput class="sc-radio-input" autofocus={props.ui.autofocus && i() === 0} />
                <RadioGroup.ItemControl class="sc-radio-control">
                  <RadioGroup.ItemIndicator class="sc-radio-indicator" />
                </RadioGroup.ItemControl>
                <RadioGroup.ItemLabel class="sc-radio-label">{choice.label}</RadioGroup.ItemLabel>
              </RadioGroup.Item>
            )}
          </For>
        </div>
        <Show when={helpText(props)}>
          <RadioGroup.Description class="sc-help">{helpText(props)}</RadioGroup.Description>
        </Show>
        <RadioGroup.ErrorMessage class="sc-error">{props.error}</RadioGroup.ErrorMessage>
      </RadioGroup>
    </Show>
  );
}
