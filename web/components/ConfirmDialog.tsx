import { createSignal, Show, type JSX } from 'solid-js';

/**
 * A button that asks before doing something that cannot be undone. `onConfirm` runs once the
 * user agrees; its failure is shown in the dialog, which then stays open. The browser's own
 * modal `<dialog>` traps focus and closes on Escape, with no library code on every page.
 */
export function ConfirmButton(props: {
  label: JSX.Element;
  title: string;
  confirmLabel: string;
  class?: string;
  children: JSX.Element;
  onConfirm: () => Promise<unknown>;
}) {
  let dialog: HTMLDialogElement | undefined;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const titleId = `confirm-${Math.random().toString(36).slice(2)}`;
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      dialog?.close();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class={props.class ?? 'button'} onClick={() => dialog?.showModal()}>
        {props.label}
      </button>
      <dialog ref={dialog} class="dialog-content" role="alertdialog" aria-labelledby={titleId} onClose={() => setError(undefined)}>
        <h2 id={titleId} class="dialog-title">
          {props.title}
        </h2>
        <div class="dialog-description">{props.children}</div>
        <Show when={error()}>
          <p class="dialog-error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={() => dialog?.close()}>
            Cancel
          </button>
          <button type="button" class="button button-danger" disabled={busy()} onClick={() => void confirm()}>
            {props.confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
