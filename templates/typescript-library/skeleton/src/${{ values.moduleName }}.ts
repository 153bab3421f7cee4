/** Joins words into a slug: lowercase, separated by dashes, nothing but letters and digits. */
export function slugify(...words: string[]): string {
  return words
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
