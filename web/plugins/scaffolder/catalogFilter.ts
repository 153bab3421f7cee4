/**
 * Turns an EntityPicker's `ui:options` into catalog filter parameters: `catalogFilter` is an object
 * (or a list of objects, OR'ed) of `key: value | value[]`; `allowedKinds` limits the kinds.
 * Backstage's syntax, so templates written for it work unchanged.
 */
export function pickerFilters(options: Record<string, unknown>, fallbackKinds?: string[]): string[] {
  const raw = options.catalogFilter;
  const objects = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter(
    (o): o is Record<string, unknown> => Boolean(o) && typeof o === 'object' && !Array.isArray(o),
  );
  const kinds = Array.isArray(options.allowedKinds) ? options.allowedKinds.filter((k): k is string => typeof k === 'string') : fallbackKinds;
  const groups = objects.length ? objects : [{}];
  return groups
    .map((object) => {
      const terms: string[] = [];
      for (const [key, value] of Object.entries(object)) {
        for (const v of Array.isArray(value) ? value : [value]) {
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') terms.push(`${key}=${String(v)}`);
        }
      }
      if (kinds?.length && !Object.keys(object).some((k) => k.toLowerCase() === 'kind')) terms.push(...kinds.map((k) => `kind=${k}`));
      return terms.join(',');
    })
    .filter(Boolean);
}
