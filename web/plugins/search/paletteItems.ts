import type { SearchResult } from '../../api/searchApi';
import { kindLabel } from '../../lib/kinds';
import { highlightedField, resultTarget, resultTypeLabel } from './results';

/** A page of the app the palette can jump to. */
export interface PalettePage {
  label: string;
  href: string;
}

/** One choice of the palette: a page, a search hit, or "all results". */
export interface PaletteItem {
  id: string;
  group: string;
  title: { value: string; preTag: string; postTag: string };
  detail?: string;
  href: string;
  external: boolean;
}

/** Pages whose label contains every word of `term`; all of them for an empty term. */
function matchingPages(pages: readonly PalettePage[], term: string): PalettePage[] {
  const words = term.toLowerCase().split(/\s+/).filter(Boolean);
  return pages.filter((p) => words.every((w) => p.label.toLowerCase().includes(w)));
}

/** The palette's list, in display order: matching pages, then search hits, then the full search. */
export function paletteItems(pages: readonly PalettePage[], term: string, results: readonly SearchResult[]): PaletteItem[] {
  const items: PaletteItem[] = matchingPages(pages, term).map((p) => ({
    id: `page:${p.href}`,
    group: 'Pages',
    title: { value: p.label, preTag: '', postTag: '' },
    href: p.href,
    external: false,
  }));
  results.forEach((result, i) => {
    const target = resultTarget(result.document.location);
    if (!target) return;
    const kind = result.type === 'software-catalog' && typeof result.document.kind === 'string' ? kindLabel(result.document.kind) : undefined;
    const within = typeof result.document.entityTitle === 'string' ? `${resultTypeLabel(result.type)} · ${result.document.entityTitle}` : undefined;
    items.push({
      id: `result:${i}:${result.document.location}`,
      group: resultTypeLabel(result.type),
      title: highlightedField(result, 'title'),
      detail: kind ?? within ?? resultTypeLabel(result.type),
      href: 'internal' in target ? target.internal : target.external,
      external: 'external' in target,
    });
  });
  if (term.trim()) {
    items.push({
      id: 'search',
      group: 'Search',
      title: { value: `Search everything for “${term.trim()}”`, preTag: '', postTag: '' },
      href: `/search?query=${encodeURIComponent(term.trim())}`,
      external: false,
    });
  }
  return items;
}
