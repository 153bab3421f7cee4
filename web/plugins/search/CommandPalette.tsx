import { createSignal, lazy, onCleanup, onMount, Show, Suspense } from 'solid-js';
import { Icon } from '../../components/Icon';
import type { PalettePage } from './paletteItems';
import './palette-trigger.css';

// The dialog and its search code load on first use, so the shell pays only for this button.
const PaletteDialog = lazy(() => import('./PaletteDialog'));

/** The header's search button and the Ctrl/Cmd-K shortcut that opens the command palette from anywhere. */
export function CommandPalette(props: { pages: readonly PalettePage[] }) {
  const [open, setOpen] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const show = () => {
    setLoaded(true);
    setOpen(true);
  };

  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        if (open()) setOpen(false);
        else show();
      }
    };
    window.addEventListener('keydown', onKey);
    onCleanup(() => window.removeEventListener('keydown', onKey));
  });

  return (
    <>
      <button
        type="button"
        class="palette-trigger"
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        onClick={show}
        onPointerEnter={() => void PaletteDialog.preload()}
        onFocus={() => void PaletteDialog.preload()}
      >
        <Icon name="search" />
        <span class="palette-trigger-label">Search…</span>
        <kbd class="palette-trigger-key">Ctrl K</kbd>
      </button>
      <Show when={loaded()}>
        <Suspense>
          <PaletteDialog open={open()} onOpenChange={setOpen} pages={props.pages} />
        </Suspense>
      </Show>
    </>
  );
}
