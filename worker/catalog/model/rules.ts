import { globToRegExp } from '../../lib/glob';
import { KNOWN_KINDS } from './entity';

/** One matcher of a rule's `locations`: exact `target`, or a glob `pattern` (`*` within a segment, `**` across). */
export interface RuleLocationMatcher {
  type: string;
  target?: string;
  pattern?: string;
}

/** One entry of Backstage's `catalog.rules`: kinds allowed, optionally only from some locations. */
export interface CatalogRule {
  allow: string[];
  locations?: RuleLocationMatcher[];
}

/** Backstage's default when no rules are configured: Component, API and Location only. */
export const DEFAULT_RULES: CatalogRule[] = [{ allow: ['Component', 'API', 'Location'] }];

/** Every kind from everywhere. */
export const ALLOW_ALL_RULES: CatalogRule[] = [{ allow: [...KNOWN_KINDS] }];

/** Parses the `CATALOG_RULES` JSON (an array of rules); empty means Backstage's default. */
export function parseCatalogRules(json: string | undefined): CatalogRule[] {
  if (!json || !json.trim()) return DEFAULT_RULES;
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) throw new Error('CATALOG_RULES must be a JSON array of {allow, locations?}');
  return value.map((rule, i) => {
    const r = rule as Partial<CatalogRule>;
    if (!Array.isArray(r.allow) || !r.allow.every((k) => typeof k === 'string')) {
      throw new Error(`CATALOG_RULES[${i}].allow must be an array of kinds`);
    }
    if (r.locations !== undefined && !Array.isArray(r.locations)) {
      throw new Error(`CATALOG_RULES[${i}].locations must be an array`);
    }
    return { allow: r.allow, ...(r.locations ? { locations: r.locations } : {}) };
  });
}

function matchesLocation(m: RuleLocationMatcher, location: { type: string; target: string }): boolean {
  if (m.type !== location.type) return false;
  if (m.target !== undefined) return m.target === location.target;
  if (m.pattern !== undefined) return globToRegExp(m.pattern).test(location.target);
  return true;
}

/** Whether `kind` may be contributed by a location (kinds compare case-insensitively, as in Backstage). */
export function isKindAllowed(
  rules: CatalogRule[],
  kind: string,
  location: { type: string; target: string },
): boolean {
  const k = kind.toLowerCase();
  return rules.some(
    (rule) =>
      rule.allow.some((a) => a.toLowerCase() === k) &&
      (!rule.locations || rule.locations.some((m) => matchesLocation(m, location))),
  );
}
