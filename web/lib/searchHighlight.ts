/** One run of text, marked when it is part of a search match. */
export interface TextRun {
  text: string;
  hit: boolean;
}

/**
 * Splits a search highlight like `pay<gr-hl>ments</gr-hl>` into runs of plain and matched text,
 * so matches can be rendered as `<mark>` elements without ever parsing the string as HTML.
 * Unbalanced tags are treated as text boundaries, never as markup.
 */
export function splitHighlight(value: string, preTag: string, postTag: string): TextRun[] {
  const runs: TextRun[] = [];
  let rest = value;
  let hit = false;
  while (rest) {
    const tag = hit ? postTag : preTag;
    const at = tag ? rest.indexOf(tag) : -1;
    const text = at < 0 ? rest : rest.slice(0, at);
    if (text) {
      const last = runs[runs.length - 1];
      if (last && last.hit === hit) last.text += text;
      else runs.push({ text, hit });
    }
    if (at < 0) break;
    rest = rest.slice(at + tag.length);
    hit = !hit;
  }
  return runs;
}

/** The text of a highlight with its tags removed. */
export function stripHighlight(value: string, preTag: string, postTag: string): string {
  return splitHighlight(value, preTag, postTag)
    .map((r) => r.text)
    .join('');
}
