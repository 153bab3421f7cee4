/** A searchable stretch of a docs page: the text under one heading (or the page's intro). */
export interface DocsSection {
  pagePath: string;
  pageTitle: string;
  /** Heading id to link to; `""` for the part before the first heading. */
  anchor: string;
  heading: string;
  text: string;
}

/** A run of snippet text, marked when it matched the search. */
export interface SnippetRun {
  text: string;
  hit: boolean;
}

/** One search result: where it leads and a snippet with the matches marked. */
export interface DocsSearchHit {
  section: DocsSection;
  snippet: SnippetRun[];
  score: number;
}

const SNIPPET_LENGTH = 160;

/** Lowercased words of a search term (at most 8, so a pasted paragraph stays cheap). */
export function searchTokens(term: string): string[] {
  return [...new Set(term.toLowerCase().split(/[^\p{L}\p{N}_-]+/u).filter(Boolean))].slice(0, 8);
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** Splits `text` into runs, marking every occurrence of any token (case-insensitive). */
export function markTokens(text: string, tokens: string[]): SnippetRun[] {
  const lower = text.toLowerCase();
  const runs: SnippetRun[] = [];
  let plainFrom = 0;
  let i = 0;
  while (i < text.length) {
    const token = tokens.find((t) => lower.startsWith(t, i));
    if (!token) {
      i++;
      continue;
    }
    if (i > plainFrom) runs.push({ text: text.slice(plainFrom, i), hit: false });
    runs.push({ text: text.slice(i, i + token.length), hit: true });
    i += token.length;
    plainFrom = i;
  }
  if (plainFrom < text.length) runs.push({ text: text.slice(plainFrom), hit: false });
  return runs;
}

function snippet(text: string, tokens: string[]): SnippetRun[] {
  const lower = text.toLowerCase();
  const first = Math.min(...tokens.map((t) => lower.indexOf(t)).filter((at) => at >= 0));
  const start = Number.isFinite(first) ? Math.max(0, first - 40) : 0;
  // Start and end on word boundaries so the snippet does not begin mid-word.
  const from = start === 0 ? 0 : text.indexOf(' ', start) + 1 || start;
  const cut = text.slice(from, from + SNIPPET_LENGTH);
  const to = from + SNIPPET_LENGTH < text.length ? cut.lastIndexOf(' ') : -1;
  const body = to > 0 ? cut.slice(0, to) : cut;
  const runs = markTokens(body, tokens);
  if (from > 0) runs.unshift({ text: '… ', hit: false });
  if (from + body.length < text.length) runs.push({ text: ' …', hit: false });
  return runs;
}

/**
 * Finds the sections containing every word of `term`, best first: matches in the page title
 * weigh most, then the heading, then the number of matches in the text.
 */
export function searchSections(sections: DocsSection[], term: string, limit = 20): DocsSearchHit[] {
  const tokens = searchTokens(term);
  if (tokens.length === 0) return [];
  const hits: DocsSearchHit[] = [];
  for (const section of sections) {
    const title = section.pageTitle.toLowerCase();
    const heading = section.heading.toLowerCase();
    const text = section.text.toLowerCase();
    let score = 0;
    let all = true;
    for (const token of tokens) {
      const inText = count(text, token);
      const s = (title.includes(token) ? 10 : 0) + (heading.includes(token) ? 5 : 0) + Math.min(inText, 10);
      if (s === 0) {
        all = false;
        break;
      }
      score += s;
    }
    if (all) hits.push({ section, snippet: snippet(section.text || section.heading, tokens), score });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
