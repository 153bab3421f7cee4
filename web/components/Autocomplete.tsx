import './Autocomplete.css';
import { createSignal, createUniqueId, For, onCleanup, Show, type JSX } from 'solid-js';

/** One suggestion of an `Autocomplete`. */
export interface AutocompleteOption {
  value: string;
  label: string;
  detail?: string;
}

/**
 * A text input with a suggestion list (the ARIA 1.2 combobox pattern): type to search, arrow keys
 * to move, Enter to pick, Escape to close. What is typed is kept as the value when
 * `allowFreeText` is set, so a value the suggestions lack can still be entered.
 */
export function Autocomplete(props: {
  label: string;
  /** The label text as a node, e.g. with a required marker; `label` stays the accessible name. */
  labelContent?: JSX.Element;
  text: string;
  options: AutocompleteOption[];
  loading?: boolean;
  /** Shown under the list when the search failed. */
  problem?: string;
  onInput: (text: string) => void;
  onPick: (option: AutocompleteOption) => void;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  autofocus?: boolean;
  placeholder?: string;
}) {
  const ids = { input: createUniqueId(), list: createUniqueId() };
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(-1);
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(closeTimer));

  const optionId = (i: number) => `${ids.list}-${i}`;
  const move = (delta: number) => {
    const count = props.options.length;
    if (!count) return;
    setOpen(true);
    setActive((i) => (i + delta + count) % count);
    document.getElementById(optionId(active()))?.scrollIntoView({ block: 'nearest' });
  };
  const pick = (option: AutocompleteOption) => {
    props.onPick(option);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'Enter' && open() && active() >= 0) {
      event.preventDefault();
      const option = props.options[active()];
      if (option) pick(option);
    } else if (event.key === 'Escape' && open()) {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div class="field autocomplete">
      <label class="field-label" for={ids.input}>
        {props.labelContent ?? props.label}
      </label>
      <div class="autocomplete-control">
        <input
          id={ids.input}
          class="input"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open()}
          aria-controls={ids.list}
          aria-activedescendant={open() && active() >= 0 ? optionId(active()) : undefined}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid ? 'true' : undefined}
          aria-required={props.required ? 'true' : undefined}
          autocomplete="off"
          spellcheck={false}
          autofocus={props.autofocus}
          placeholder={props.placeholder}
          value={props.text}
          onInput={(e) => {
            props.onInput(e.currentTarget.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          // A click on an option blurs the input first; wait so the click still lands.
          onBlur={() => (closeTimer = setTimeout(() => setOpen(false), 150))}
          onKeyDown={onKeyDown}
        />
        <Show when={props.loading}>
          <span class="spinner autocomplete-spinner" aria-hidden="true" />
        </Show>
      </div>
      <ul id={ids.list} class="autocomplete-list" role="listbox" aria-label={props.label} hidden={!open() || (!props.options.length && !props.problem)}>
          <For each={props.options}>
            {(option, i) => (
              <li
                id={optionId(i())}
                role="option"
                class="autocomplete-option"
                aria-selected={active() === i()}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(option)}
                onMouseMove={() => setActive(i())}
              >
                <span class="autocomplete-option-label">{option.label}</span>
                <Show when={option.detail}>
                  <span class="autocomplete-option-detail">{option.detail}</span>
                </Show>
              </li>
            )}
          </For>
          <Show when={props.problem}>
            <li class="autocomplete-problem" role="presentation">
              {props.problem}
            </li>
          </Show>
        </ul>
    </div>
  );
}
