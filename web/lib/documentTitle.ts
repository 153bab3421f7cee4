import { createEffect } from 'solid-js';

/** Keeps `document.title` as "<page> · Greenroom" so tabs and history entries are recognisable. */
export function useDocumentTitle(title: () => string | undefined): void {
  createEffect(() => {
    const page = title();
    document.title = page ? `${page} · Greenroom` : 'Greenroom';
  });
}
