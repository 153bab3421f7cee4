/**
 * A glob as a RegExp over `/`-separated paths: `*` and `?` stay within a segment, `**` crosses
 * segments, and `**\/` also matches no directory at all (as minimatch does), so
 * `**\/catalog-info.yaml` matches the file at the root too.
 */
export function globToRegExp(glob: string): RegExp {
  const escape = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  const segment = (part: string) =>
    part
      .split('*')
      .map((s) => escape(s).replace(/\?/g, '[^/]'))
      .join('[^/]*');
  const body = glob
    .split('**')
    .map(segment)
    .join('\u0000')
    .replace(/\u0000\//g, '(?:.*/)?')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${body}$`);
}

/** Whether a glob has no wildcard, i.e. names exactly one path. */
export function isLiteralGlob(glob: string): boolean {
  return !/[*?]/.test(glob);
}
