import { Dialog } from '@kobalte/core/dialog';
import { useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, createUniqueId, For, on, onCleanup, Show } from 'solid-js';
import { searchApi } from '../../api/searchApi';
import { HighlightedText } from '../../components/HighlightedText';
import { Icon } from '../../components/Icon';
import { settledValue } from '../../lib/resource';
import { paletteItems, type PaletteItem, type PalettePage } from './paletteItems';
import './search.css';

const DEBOUNCE_MS = 150;

/** The Ctrl/Cmd-K dialog: type, move with the arrow keys, Enter to go, Escape to close. */
export default function PaletteDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; pages: readonly PalettePage[] }) {
  const navigate = useNavigate();
  const listId = createUniqueId();
  const [text, setText] = createSignal('');
  const [term, setTerm] = createSignal('');
  const [active, setActive] = createSignal(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const [answer] = createResource(
    () => term() || undefined,
    (t) => searchApi.query({ term: t, pageLimit: 10 }),
  );
  const results = () => settledValue(answer)?.results ?? [];
  const items = createMemo(() => paletteItems(props.pages, term(), term() ? results() : []));
  createEffect(on(items, () => setActive(0)));
  // Each opening starts afresh.
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setText('');
        setTerm('');
      },
    ),
  );

  const onInput = (value: string) => {
    setText(value);
    clearTimeout(timer);
    timer = setTimeout(() => setTerm(value.trim()), DEBOUNCE_MS);
  };

  const go = (item: PaletteItem | undefined) => {
    if (!item) return;
    props.onOpenChange(false);
    if (item.external) window.open(item.href, '_blank', 'noopener,noreferrer');
    else navigate(item.href);
  };

  const move = (delta: number) => {
    const count = items().length;
    if (!count) return;
    setActive((i) => (i + delta + count) % count);
    document.getElementById(optionId(active()))?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Home') setActive(0);
    else if (event.key === 'End') setActive(Math.max(items().length - 1, 0));
    else if (event.key === 'Enter') {
      // Enter before the debounce fired searches the words typed so far.
      if (text().trim() !== term()) {
        go({ id: 'search', group: '', title: { value: '', preTag: '', postTag: '' }, href: `/search?query=${encodeURIComponent(text().trim())}`, external: false });
      } else go(items()[active()]);
    } else return;
    event.preventDefault();
  };

  const optionId = (i: number) => `${listId}-option-${i}`;
  const showGroup = (i: number) => i === 0 || items()[i - 1]?.group !== items()[i]?.group;

  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay class="palette-overlay" />
        <div class="palette-position">
          <Dialog.Content class="palette" aria-describedby={undefined}>
            <Dialog.Title class="sr-only">Jump to</Dialog.Title>
            <div class="palette-input-row">
              <Icon name="search" size={18} />
              <input
                class="palette-input"
                type="text"
                role="combobox"
                aria-label="Search entities, docs and pages"
                aria-expanded="true"
                aria-controls={listId}
                aria-autocomplete="list"
                aria-activedescendant={items().length ? optionId(active()) : undefined}
                placeholder="Search entities, docs and pages…"
                autocomplete="off"
                spellcheck={false}
                value={text()}
                onInput={(e) => onInput(e.currentTarget.value)}
                onKeyDown={onKeyDown}
              />
              <Show when={answer.loading}>
                <span class="spinner palette-spinner" role="status" aria-label="Searching" />
              </Show>
              <kbd class="palette-esc">Esc</kbd>
            </div>
            <Show when={answer.error && !answer.loading}>
              <p class="palette-error" role="alert">
                Search failed: {answer.error instanceof Error ? answer.error.message : String(answer.error)}
              </p>
            </Show>
            <ul id={listId} class="palette-list" role="listbox" aria-label="Results">
              <For each={items()} fallback={<li class="palette-empty">{term() && !answer.loading ? `Nothing matches “${term()}”` : 'Type to search'}</li>}>
                {(item, i) => (
                  <>
                    <Show when={showGroup(i())}>
                      <li class="palette-group" role="presentation">
                        {item.group}
                      </li>
                    </Show>
                    <li
                      id={optionId(i())}
                      role="option"
                      class="palette-option"
                      aria-selected={active() === i()}
                      onPointerMove={() => setActive(i())}
                      onClick={() => go(item)}
                    >
                      <span class="palette-option-title">
                        <HighlightedText {...item.title} />
                      </span>
                      <Show when={item.detail}>
                        <span class="palette-option-detail">{item.detail}</span>
                      </Show>
                    </li>
                  </>
                )}
              </For>
            </ul>
            <p class="palette-help" aria-hidden="true">
              <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
            </p>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
