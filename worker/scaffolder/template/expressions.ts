import { createTemplateRenderer, TemplateLimitError, TemplateRenderError, type TemplateContext, type TemplateRenderLimits, type TemplateValue } from 'nunjitsu';
import { parseEntityRefFilter, parseRepoUrl, pickFilter, projectSlug } from './filters';

/**
 * `${{ … }}` expressions and skeleton templates, rendered by nunjitsu: a closed interpreter with
 * no code generation, no globals beyond the context handed in and cooperative resource limits,
 * so a template can neither reach the Worker's globals nor loop forever. Runs in the browser too.
 */

/** Budgets for one render: generous for real templates, small enough that a runaway loop stops in milliseconds. */
const EXPRESSION_LIMITS: Partial<TemplateRenderLimits> = {
  workUnits: 200_000,
  outputCodeUnits: 2_000_000,
  capabilityCalls: 10_000,
  nestingDepth: 64,
};

const filters = {
  parseRepoUrl: (input: TemplateValue | undefined) => parseRepoUrl(input) as unknown as TemplateValue,
  parseEntityRef: (input: TemplateValue | undefined, options?: TemplateValue) => parseEntityRefFilter(input, options) as unknown as TemplateValue,
  pick: (input: TemplateValue | undefined, key?: TemplateValue) => pickFilter(input, key),
  projectSlug: (input: TemplateValue | undefined) => projectSlug(input),
};

const renderer = createTemplateRenderer({ filters });

/** An expression or skeleton that could not be rendered; `message` says where and why. */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
}

function explain(err: unknown, source: string): never {
  const where = (line?: number, column?: number) => (line ? ` (line ${line}${column ? `, column ${column}` : ''})` : '');
  const excerpt = source.length > 80 ? `${source.slice(0, 77)}…` : source;
  if (err instanceof TemplateLimitError) {
    throw new ExpressionError(`Template "${excerpt}" exceeded its ${err.limit ?? 'resource'} limit${where(err.line, err.column)}`);
  }
  if (err instanceof TemplateRenderError) {
    throw new ExpressionError(`Template "${excerpt}" failed: ${err.message}${where(err.line, err.column)}`);
  }
  throw new ExpressionError(`Template "${excerpt}" failed: ${err instanceof Error ? err.message : String(err)}`);
}

/** Turns arbitrary JSON-ish data into nunjitsu's closed value type (drops functions and undefined). */
function toTemplateValue(value: unknown): TemplateValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toTemplateValue);
  if (typeof value === 'object') {
    const out: Record<string, TemplateValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined && typeof v !== 'function') out[k] = toTemplateValue(v);
    }
    return out;
  }
  return null;
}

function context(ctx: Record<string, unknown>): TemplateContext {
  return toTemplateValue(ctx) as TemplateContext;
}

/** Renders a whole text (a skeleton file or a file name) to a string. */
export function renderTemplateString(source: string, ctx: Record<string, unknown>): string {
  if (!source.includes('${{') && !source.includes('{%')) return source;
  try {
    return renderer.render(source, context(ctx), { limits: EXPRESSION_LIMITS });
  } catch (err) {
    explain(err, source);
  }
}

/** Renders one string value: a sole `${{ x }}` keeps x's type (object, number, boolean), as in Backstage. */
export function renderExpression(source: string, ctx: Record<string, unknown>): unknown {
  if (!source.includes('${{') && !source.includes('{%')) return source;
  try {
    return renderer.renderValue(source, context(ctx), { limits: EXPRESSION_LIMITS, coercion: 'json' });
  } catch (err) {
    explain(err, source);
  }
}

/** Renders every string inside a value (step input, output, links), keeping structure. */
export function renderValue(value: unknown, ctx: Record<string, unknown>): unknown {
  if (typeof value === 'string') return renderExpression(value, ctx);
  if (Array.isArray(value)) return value.map((v) => renderValue(v, ctx));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = renderValue(v, ctx);
    return out;
  }
  return value;
}

/** Backstage's truthiness for `if` and `when`: false, 0, "", "false", null, undefined and [] are false. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value !== '' && value.trim().toLowerCase() !== 'false';
  return Boolean(value);
}

/**
 * Evaluates a step's `if`, an output's `if` or a form page's `when`: a boolean, or an expression
 * rendered against `ctx` (e.g. `{ parameters }`). Absent means true.
 */
export function evaluateCondition(condition: unknown, ctx: Record<string, unknown>): boolean {
  if (condition === undefined) return true;
  if (typeof condition === 'boolean') return condition;
  if (typeof condition !== 'string') return isTruthy(condition);
  return isTruthy(renderExpression(condition, ctx));
}
