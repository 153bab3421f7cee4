/** The catalog's kinds with their display spelling and plural, keyed by lowercased kind. */
const KINDS: Record<string, { label: string; plural: string }> = {
  component: { label: 'Component', plural: 'Components' },
  api: { label: 'API', plural: 'APIs' },
  resource: { label: 'Resource', plural: 'Resources' },
  system: { label: 'System', plural: 'Systems' },
  domain: { label: 'Domain', plural: 'Domains' },
  group: { label: 'Group', plural: 'Groups' },
  user: { label: 'User', plural: 'Users' },
  location: { label: 'Location', plural: 'Locations' },
  template: { label: 'Template', plural: 'Templates' },
};

/** Lowercased names of the kinds every catalog knows, in the order Backstage lists them. */
export const KNOWN_KINDS = Object.keys(KINDS);

/** How to print a kind: `api` → `API`; custom kinds keep their own spelling. */
export function kindLabel(kind: string): string {
  return KINDS[kind.toLowerCase()]?.label ?? kind;
}

/** The plural heading for a kind: `api` → `APIs`. */
export function kindPlural(kind: string): string {
  return KINDS[kind.toLowerCase()]?.plural ?? `${kindLabel(kind)}s`;
}

/** The plural as it reads mid-sentence: `components`, but `APIs`. */
export function kindPluralInSentence(kind: string): string {
  return kindPlural(kind).replace(/^[A-Z][a-z]/, (start) => start.toLowerCase());
}
