import { TextField } from '@kobalte/core/text-field';
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { Icon } from './Icon';

/**
 * A search box that reports its term after the user pauses typing (or presses Enter),
 * so each keystroke does not become a request.
 */
export function SearchField(props: {
  label: string;
  value: string;
  onSearch: (term: string) => void;
  placeholder?: string;
  delayMs?: number;
}) {
  const [text, setText] = createSignal(props.value);
  let input: HTMLInputElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // The term also changes from outside (back button, "clear filters"); follow it.
  createEffect(on(() => props.value, (value) => setText(value), { defer: true }));
  onCleanup(() => clearTimeout(timer));

  const commit = (value: string) => {
    clearTimeout(timer);
    if (value.trim() !== props.value) props.onSearch(value.trim());
  };
  const onChange = (value: string) => {
    setText(value);
    clearTimeout(timer);
    timer = setTimeout(() => commit(value), props.delayMs ?? 300);
  };
  const clear = () => {
    setText('');
    commit('');
    input?.focus();
  };

  return (
    <TextField class="search-field" value={text()} onChange={onChange}>
      <TextField.Label class="sr-only">{props.label}</TextField.Label>
      <div class="search-control">
        <Icon name="search" class="search-icon" />
        <TextField.Input
          ref={input}
          type="search"
          class="input search-input"
          placeholder={props.placeholder ?? 'Search'}
          autocomplete="off"
          spellcheck={false}
          onKeyDown={(event: KeyboardEvent) => {
            if (event.key === 'Enter') commit(text());
            if (event.key === 'Escape' && text()) clear();
          }}
        />
        <Show when={text()}>
          <button type="button" class="icon-button search-clear" aria-label="Clear search" onClick={clear}>
            <Icon name="close" />
          </button>
        </Show>
      </div>
    </TextField>
  );
}
