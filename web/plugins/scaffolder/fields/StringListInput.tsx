import { For, Index, Show } from 'solid-js';
import type { JsonSchema } from '../../../api/scaffolderApi';
import { Icon } from '../../../components/Icon';
import { FieldLabelText } from './FieldLabelText';
import { createFieldMessages, FieldMessages } from './FieldMessages';
import type { FieldProps } from './fieldProps';
import { enumChoices } from './uiOptions';

/**
 * An array of strings: checkboxes when the items are an enum, otherwise an editable list
 * where each entry has its own labelled input and remove button.
 */
export function StringListInput(props: FieldProps) {
  const { ids, describedBy } = createFieldMessages(props);
  const items = (): JsonSchema => (props.schema.items && typeof props.schema.items === 'object' ? (props.schema.items as JsonSchema) : {});
  const list = (): unknown[] => (Array.isArray(props.value) ? props.value : []);
  let container: HTMLFieldSetElement | undefined;

  const toggle = (value: unknown, on: boolean) =>
    props.onChange(on ? [...list(), value] : list().filter((v) => v !== value));
  const setAt = (i: number, text: string) => props.onChange(list().map((v, j) => (j === i ? text : v)));
  const add = () => {
    props.onChange([...list(), '']);
    // Put the cursor in the entry just added.
    queueMicrotask(() => container?.querySelector<HTMLInputElement>('.sc-list-row:last-child input')?.focus());
  };
  const remove = (i: number) => {
    const next = list().filter((_, j) => j !== i);
    props.onChange(next.length ? next : undefined);
    queueMicrotask(() => container?.querySelector<HTMLElement>('.sc-list-add')?.focus());
  };

  return (
    <fieldset
      ref={container}
      class="field sc-field sc-fieldset"
      aria-describedby={describedBy()}
      aria-invalid={props.error ? 'true' : undefined}
    >
      <legend class="field-label">
        <FieldLabelText field={props} />
      </legend>
      <Show
        when={Array.isArray(items().enum)}
        fallback={
          <>
            <ul class="sc-list">
              <Index each={list()}>
                {(entry, i) => (
                  <li class="sc-list-row">
                    <input
                      class="input"
                      aria-label={`${props.label} ${i + 1}`}
                      value={typeof entry() === 'string' ? (entry() as string) : ''}
                      onInput={(e) => setAt(i, e.currentTarget.value)}
                      autofocus={props.ui.autofocus && i === 0}
                      spellcheck={false}
                    />
                    <button type="button" class="icon-button" aria-label={`Remove ${props.label} ${i + 1}`} onClick={() => remove(i)}>
                      <Icon name="trash" />
                    </button>
                  </li>
                )}
              </Index>
            </ul>
            <div>
              <button type="button" class="button button-small sc-list-add" onClick={add}>
                <Icon name="plus" />
                Add {props.label.toLowerCase()}
              </button>
            </div>
          </>
        }
      >
        <div class="sc-checkbox-list">
          <For each={enumChoices(items())}>
            {(choice) => (
              <label class="checkbox-row">
                <input type="checkbox" checked={list().includes(choice.value)} onChange={(e) => toggle(choice.value, e.currentTarget.checked)} />
                <span>{choice.label}</span>
              </label>
            )}
          </For>
        </div>
      </Show>
      <FieldMessages field={props} ids={ids} />
    </fieldset>
  );
}
