/** Replaces every secret value inside strings of `value` with `***` (deeply; other values untouched). */
export function redact<T>(value: T, secrets: Readonly<Record<string, string>>): T {
  const needles = Object.values(secrets)
    .filter((s) => typeof s === 'string' && s.length > 0)
    // Longest first, so a secret containing another is hidden whole.
    .sort((a, b) => b.length - a.length);
  if (!needles.length) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return needles.reduce((s, n) => s.split(n).join('***'), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
