/** highlight.js's HTML for `code` (the source escaped, tokens in spans), or undefined for a language not registered. */
export function highlightHtml(code: string, language: string): string | undefined;
