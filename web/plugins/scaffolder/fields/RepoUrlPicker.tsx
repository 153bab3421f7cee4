import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { formatRepoUrl, parseRepoUrl, type RepoUrlParts } from '../repoUrl';
import { FieldLabelText } from './FieldLabelText';
import { createFieldMessages, FieldMessages } from './FieldMessages';
import type { FieldProps } from './fieldProps';
import { stringList } from './uiOptions';

/** One part of the repository location: a dropdown when the template limits the choices, else free text. */
function Part(props: {
  label: string;
  value: string;
  allowed?: string[];
  onChange: (value: string) => void;
  describedBy?: string;
  invalid: boolean;
  autofocus?: boolean;
}) {
  const id = createUniqueId();
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <Show
        when={props.allowed?.length}
        fallback={
          <input
            id={id}
            class="input"
            value={props.value}
            onInput={(e) => props.onChange(e.currentTarget.value.trim())}
            aria-describedby={props.describedBy}
            aria-invalid={props.invalid ? 'true' : undefined}
            autofocus={props.autofocus}
            autocomplete="off"
            spellcheck={false}
          />
        }
      >
        <select
          id={id}
          class="input"
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value)}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid ? 'true' : undefined}
          autofocus={props.autofocus}
        >
          <Show when={!props.value}>
            <option value="">Choose…</option>
          </Show>
          <For each={props.allowed}>{(v) => <option value={v}>{v}</option>}</For>
        </select>
      </Show>
    </div>
  );
}

/**
 * Backstage's RepoUrlPicker: host, owner and repository name, stored as `host?owner=…&repo=…`.
 * `ui:options.allowedHosts/allowedOwners/allowedRepos` turn a part into a fixed list.
 */
export function RepoUrlPicker(props: FieldProps) {
  const { ids, describedBy } = createFieldMessages(props);
  const hosts = () => stringList(props.ui.options.allowedHosts) ?? ['github.com'];
  const initial = parseRepoUrl(props.value);
  const [parts, setParts] = createSignal<RepoUrlParts>({ ...initial, host: initial.host || hosts()[0] || '' });
  // Half a location is no location: until owner and repository are both given the field is empty,
  // so "is required" says what is missing rather than the server failing later.
  const set = (change: Partial<RepoUrlParts>) => {
    const next = { ...parts(), ...change };
    setParts(next);
    props.onChange(next.host && next.owner && next.repo ? formatRepoUrl(next) : undefined);
  };

  return (
    <fieldset class="field sc-field sc-fieldset" aria-describedby={describedBy()}>
      <legend class="field-label">
        <FieldLabelText field={props} />
      </legend>
      <div class="sc-repo-grid">
        <Part label="Host" value={parts().host} allowed={hosts()} onChange={(host) => set({ host })} invalid={false} />
        <Part
          label="Owner"
          value={parts().owner}
          allowed={stringList(props.ui.options.allowedOwners)}
          onChange={(owner) => set({ owner })}
          describedBy={describedBy()}
          invalid={Boolean(props.error) && !parts().owner}
          autofocus={props.ui.autofocus}
        />
        <Part
          label="Repository"
          value={parts().repo}
          allowed={stringList(props.ui.options.allowedRepos)}
          onChange={(repo) => set({ repo })}
          describedBy={describedBy()}
          invalid={Boolean(props.error)}
        />
      </div>
      <FieldMessages field={props} ids={ids} />
    </fieldset>
  );
}
