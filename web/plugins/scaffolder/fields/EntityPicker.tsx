import { createEffect, createResource, createSignal, on, onCleanup } from 'solid-js';
import { catalogApi } from '../../../api/catalogApi';
import type { Entity } from '../../../api/types';
import { Autocomplete, type AutocompleteOption } from '../../../components/Autocomplete';
import { DEFAULT_NAMESPACE, humanizeEntityRef, parseEntityRef } from '../../../lib/entityRef';
import { pickerFilters } from '../catalogFilter';
import { FieldLabelText } from './FieldLabelText';
import { createFieldMessages, FieldMessages } from './FieldMessages';
import type { FieldProps } from './fieldProps';

const FIELDS = ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title'];

/** The full ref `kind:namespace/name` of an entity, lower-cased kind as Backstage writes it. */
const refOf = (e: Entity) => `${e.kind.toLowerCase()}:${e.metadata.namespace ?? DEFAULT_NAMESPACE}/${e.metadata.name}`;

/**
 * Backstage's EntityPicker (and OwnerPicker, which is it limited to groups and users): suggests
 * catalog entities as one types, filtered by `ui:options.catalogFilter` / `allowedKinds`, and
 * stores the picked entity's full ref. Free text is accepted unless `allowArbitraryValues: false`.
 */
export function EntityPicker(props: FieldProps & { owner?: boolean }) {
  const { ids, describedBy } = createFieldMessages(props);
  const defaultKind = () => (typeof props.ui.options.defaultKind === 'string' ? props.ui.options.defaultKind : props.owner ? 'group' : undefined);
  const shown = (value: unknown) => {
    if (typeof value !== 'string') return '';
    const ref = parseEntityRef(value, { kind: defaultKind() });
    return ref ? humanizeEntityRef(ref, { defaultKind: defaultKind() }) : value;
  };
  const [text, setText] = createSignal(shown(props.value));
  const [term, setTerm] = createSignal(text());
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  // The value may change from outside (defaults, going back a page); show it.
  createEffect(on(() => props.value, (value) => value !== undefined && setText(shown(value)), { defer: true }));

  const filters = () => pickerFilters(props.ui.options, props.owner ? ['Group', 'User'] : undefined);
  const [found] = createResource(
    () => ({ q: term(), filter: filters() }),
    ({ q, filter }) =>
      catalogApi.queryEntities({
        filter: filter.length ? filter : undefined,
        fullTextFilterTerm: q.includes(':') ? q.slice(q.indexOf(':') + 1) : q,
        fields: FIELDS,
        limit: 20,
        orderField: ['metadata.name,asc'],
      }),
  );
  const options = (): AutocompleteOption[] =>
    (found.state === 'ready' ? found() : found.latest)?.items.map((e) => ({
      value: refOf(e),
      label: humanizeEntityRef({ kind: e.kind, namespace: e.metadata.namespace ?? DEFAULT_NAMESPACE, name: e.metadata.name }, { defaultKind: defaultKind() }),
      detail: e.metadata.title ?? e.kind,
    })) ?? [];

  const onInput = (value: string) => {
    setText(value);
    clearTimeout(timer);
    timer = setTimeout(() => setTerm(value.trim()), 200);
    if (props.ui.options.allowArbitraryValues === false) {
      props.onChange(undefined);
      return;
    }
    const ref = value.trim() ? parseEntityRef(value.trim(), { kind: defaultKind() }) : undefined;
    props.onChange(ref ? `${ref.kind.toLowerCase()}:${ref.namespace}/${ref.name}` : value.trim() || undefined);
  };

  return (
    <div class="sc-field">
      <Autocomplete
        label={props.label}
        labelContent={<FieldLabelText field={props} />}
        text={text()}
        options={options()}
        loading={found.loading}
        problem={found.error ? `Could not search the catalog: ${found.error instanceof Error ? found.error.message : String(found.error)}` : undefined}
        onInput={onInput}
        onPick={(option) => {
          setText(option.label);
          props.onChange(option.value);
        }}
        describedBy={describedBy()}
        invalid={Boolean(props.error)}
        required={props.required}
        autofocus={props.ui.autofocus}
        placeholder={props.ui.placeholder ?? (props.owner ? 'Search groups and users' : 'Search the catalog')}
      />
      <FieldMessages field={props} ids={ids} />
    </div>
  );
}
