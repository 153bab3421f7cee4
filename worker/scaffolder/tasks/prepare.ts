import { applyDefaults, secretFields, validateParameters, type ParameterError } from '../template/parameters';

/** Submitted values split into what is stored (parameters) and what is kept only while the task runs (secrets). */
export interface PreparedValues {
  parameters: Record<string, unknown>;
  secrets: Record<string, string>;
  errors: ParameterError[];
}

/** Submitted secrets as strings (non-strings as JSON), empty ones dropped: how they are kept and redacted. */
export function asStrings(secrets: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secrets)) if (v !== undefined && v !== null) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

/**
 * Fills defaults, validates against the template's parameters (secret fields count as given) and
 * moves secret fields (`ui:field: Secret`, `ui:widget: password`) out of the stored parameters.
 */
export function prepareValues(templateParameters: unknown, values: Record<string, unknown>, secrets: Record<string, unknown>): PreparedValues {
  const stringSecrets = asStrings(secrets);
  const hidden = secretFields(templateParameters);
  for (const name of hidden) {
    const v = values[name];
    if (v !== undefined && v !== null && v !== '') stringSecrets[name] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  const withSecrets = applyDefaults(templateParameters, { ...values, ...Object.fromEntries(hidden.filter((n) => n in stringSecrets).map((n) => [n, stringSecrets[n]])) });
  const errors = validateParameters(templateParameters, withSecrets);
  const parameters = Object.fromEntries(Object.entries(withSecrets).filter(([k]) => !hidden.includes(k)));
  return { parameters, secrets: stringSecrets, errors };
}
