import { Match, Switch } from 'solid-js';
import type { FormField } from '../templateForm';
import { BooleanInput } from './BooleanInput';
import { ChoiceInput } from './ChoiceInput';
import { EntityPicker } from './EntityPicker';
import type { FieldProps } from './fieldProps';
import { RepoUrlPicker } from './RepoUrlPicker';
import { StringListInput } from './StringListInput';
import { TextInput } from './TextInput';
import { fieldLabel, uiHints } from './uiOptions';

/** The input for one field of a template's form, chosen by its `ui:field`, `ui:widget` and type. */
export function SchemaField(props: { field: FormField; value: unknown; error?: string; onChange: (value: unknown) => void }) {
  const ui = () => uiHints(props.field.ui);
  // Getters, so the chosen input follows value and error changes without being re-created.
  const common: FieldProps = {
    get name() {
      return props.field.name;
    },
    get label() {
      return fieldLabel(props.field.name, props.field.schema);
    },
    get schema() {
      return props.field.schema;
    },
    get ui() {
      return ui();
    },
    get required() {
      return props.field.required;
    },
    get value() {
      return props.value;
    },
    // Shared messages are field-relative ("is required"); said with the label they read on their own.
    get error() {
      return props.error ? `${fieldLabel(props.field.name, props.field.schema)} ${props.error}` : undefined;
    },
    onChange: (value) => props.onChange(value),
  };
  const type = () => props.field.schema.type;

  return (
    <Switch
      fallback={
        <p class="sc-field sc-unsupported">
          <strong>{common.label}</strong>: fields of type {String(type() ?? 'unknown')} cannot be filled in here; the template's default is used.
        </p>
      }
    >
      <Match when={ui().field === 'RepoUrlPicker'}>
        <RepoUrlPicker {...common} />
      </Match>
      <Match when={ui().field === 'OwnerPicker'}>
        <EntityPicker {...common} owner />
      </Match>
      <Match when={ui().field === 'EntityPicker'}>
        <EntityPicker {...common} />
      </Match>
      <Match when={type() === 'array'}>
        <StringListInput {...common} />
      </Match>
      <Match when={Array.isArray(props.field.schema.enum) || ui().widget === 'radio'}>
        <ChoiceInput {...common} />
      </Match>
      <Match when={type() === 'boolean'}>
        <BooleanInput {...common} />
      </Match>
      <Match when={type() === 'string' || type() === 'number' || type() === 'integer' || type() === undefined || ui().field === 'Secret'}>
        <TextInput {...common} />
      </Match>
    </Switch>
  );
}
