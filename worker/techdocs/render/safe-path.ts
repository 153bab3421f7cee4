// Which file paths a site may contain. Pure, so the CLI and the Worker refuse the same paths.

/** Longest file path accepted inside a site. */
const MAX_SITE_PATH = 1024;

// Control characters, bidi overrides, zero-width and other invisible/format characters, and
// the fullwidth/compatibility forms of `.`, `/` and `\` that could read as something they are not.
const ODD_CHARACTERS = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u2000-\u200b\u2024\u2025\u2215\u2216\u2044\u29f5\u29f8\u29f9\ufe52\ufe68\uff0e\uff0f\uff3c\ufffd]/u;

function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'an empty segment';
  if (segment === '.' || segment === '..') return `a "${segment}" segment`;
  if (segment.includes('\\')) return 'a backslash';
  if (segment.includes('%')) return 'a percent sign (encoded characters are not accepted)';
  if (ODD_CHARACTERS.test(segment)) return 'a control, invisible or look-alike character';
  if (segment.normalize('NFC') !== segment) return 'characters that are not in Unicode normal form C';
  if (segment.length > 255) return 'a segment longer than 255 characters';
  return undefined;
}

/**
 * Why a file path inside a site (already percent-decoded once) is refused, or undefined when it
 * is acceptable: `..`, `.`, empty segments, backslashes, leftover `%` escapes (double encoding),
 * control/bidi/look-alike characters, non-NFC text, absolute and overlong paths.
 */
export function sitePathProblem(path: string): string | undefined {
  if (path.length > MAX_SITE_PATH) return `a path longer than ${MAX_SITE_PATH} characters`;
  if (path.startsWith('/')) return 'an absolute path';
  for (const segment of path.split('/')) {
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  return undefined;
}

/** Whether a file path inside a site is acceptable (see sitePathProblem). */
export const isSafeSitePath = (path: string) => sitePathProblem(path) === undefined;
