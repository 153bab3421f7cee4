import { describe, expect, it } from 'vitest';
import { evaluateCondition, ExpressionError, isTruthy, renderExpression, renderTemplateString, renderValue } from '../../worker/scaffolder/template/expressions';
import { parseEntityRefFilter, parseRepoUrl, pickFilter, projectSlug } from '../../worker/scaffolder/template/filters';

const ctx = {
  parameters: { name: 'billing', repoUrl: 'github.com?owner=acme&repo=billing', owner: 'group:payments', count: 3, tags: ['a', 'b'], nested: { a: { b: 42 } } },
  steps: { publish: { output: { remoteUrl: 'https://github.com/acme/billing' } } },
  user: { ref: 'user:default/ada', entity: { metadata: { name: 'ada' } } },
  secrets: { token: 't' },
};

describe('expressions', () => {
  it('keep the type of a sole interpolation and render everything else as text', () => {
    expect(renderExpression('${{ parameters.count }}', ctx)).toBe(3);
    expect(renderExpression('${{ parameters.tags }}', ctx)).toEqual(['a', 'b']);
    expect(renderExpression('${{ parameters.name }}-svc', ctx)).toBe('billing-svc');
    // A string that looks like a number stays a string.
    expect(renderExpression('${{ parameters.code }}', { parameters: { code: '007' } })).toBe('007');
    expect(renderExpression("${{ steps['publish'].output.remoteUrl }}", ctx)).toBe('https://github.com/acme/billing');
    expect(renderExpression('${{ user.entity.metadata.name }} ${{ user.ref }}', ctx)).toBe('ada user:default/ada');
    expect(renderExpression('plain text', ctx)).toBe('plain text');
  });

  it('render deep values and whole files with Nunjucks statements and built-in filters', () => {
    expect(renderValue({ a: ['${{ parameters.name | upper }}', 1, true], b: { c: '${{ parameters.count + 1 }}' } }, ctx)).toEqual({ a: ['BILLING', 1, true], b: { c: 4 } });
    expect(renderTemplateString('{% for t in parameters.tags %}[${{ t }}]{% endfor %}{% if parameters.count > 2 %}!{% endif %}', ctx)).toBe('[a][b]!');
    expect(renderTemplateString('${{ parameters.tags | join(",") }} ${{ parameters.name | replace("ill", "ELL") | title }}', ctx)).toBe('a,b Belling');
  });

  it('offer parseRepoUrl, parseEntityRef, pick and projectSlug', () => {
    expect(renderExpression('${{ parameters.repoUrl | parseRepoUrl }}', ctx)).toEqual({ host: 'github.com', owner: 'acme', repo: 'billing' });
    expect(renderExpression("${{ (parameters.repoUrl | parseRepoUrl).owner }}", ctx)).toBe('acme');
    expect(renderExpression('${{ parameters.repoUrl | projectSlug }}', ctx)).toBe('acme/billing');
    expect(renderExpression('${{ parameters.owner | parseEntityRef }}', ctx)).toEqual({ kind: 'group', namespace: 'default', name: 'payments' });
    expect(renderExpression("${{ 'payments' | parseEntityRef({ defaultKind: 'Group', defaultNamespace: 'ops' }) }}", ctx)).toEqual({ kind: 'Group', namespace: 'ops', name: 'payments' });
    expect(renderExpression("${{ parameters.nested | pick('a.b') }}", ctx)).toBe(42);
    expect(renderExpression("${{ parameters.owner | parseEntityRef | pick('name') }}", ctx)).toBe('payments');
  });

  it('explain filter misuse readably', () => {
    expect(() => parseRepoUrl('github.com?owner=acme')).toThrow('missing repo');
    expect(() => parseRepoUrl('github.com?repo=x')).toThrow('missing owner');
    expect(() => parseEntityRefFilter('payments')).toThrow('no kind');
    expect(pickFilter({ a: 1 }, 'b')).toBeUndefined();
    expect(projectSlug('ghe.test?organization=o&repo=r')).toBe('o/r');
    expect(() => renderExpression('${{ "x" | parseRepoUrl }}', ctx)).toThrow(ExpressionError);
    expect(() => renderExpression('${{ parameters.name ', ctx)).toThrow(/failed/);
  });

  it('cannot reach the host: no globals, no constructors, no prototype walks', () => {
    for (const source of [
      '${{ constructor }}',
      '${{ parameters.constructor.constructor("return this")() }}',
      '${{ parameters.__proto__ }}',
      '${{ "".constructor }}',
    ]) {
      expect(() => renderExpression(source, ctx), source).toThrow(ExpressionError);
    }
    for (const source of ['${{ globalThis }}', '${{ process }}', '${{ fetch }}', '${{ Function }}']) {
      expect(renderExpression(source, ctx), source).toBeUndefined();
    }
  });

  it('stop runaway templates within their budget, quickly', () => {
    const started = Date.now();
    expect(() => renderTemplateString('{% for i in range(0, 100000000) %}x{% endfor %}', {})).toThrow(/exceeded its \w+ limit/);
    expect(() => renderTemplateString('{% for i in range(0, 100000) %}{% for j in range(0, 100000) %}{% endfor %}{% endfor %}', {})).toThrow(/limit/);
    expect(() => renderTemplateString('{% macro r(n) %}${{ r(n) }}{% endmacro %}${{ r(1) }}', {})).toThrow(ExpressionError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('decide conditions with Backstage truthiness', () => {
    expect(evaluateCondition(undefined, ctx)).toBe(true);
    expect(evaluateCondition(false, ctx)).toBe(false);
    expect(evaluateCondition("${{ parameters.name == 'billing' }}", ctx)).toBe(true);
    expect(evaluateCondition('${{ parameters.missing }}', ctx)).toBe(false);
    expect(evaluateCondition('${{ parameters.tags }}', ctx)).toBe(true);
    expect(['false', '', 0, null, [], 'FALSE'].map(isTruthy)).toEqual([false, false, false, false, false, false]);
    expect(['true', 'x', 1, {}, ['a']].map(isTruthy)).toEqual([true, true, true, true, true]);
  });
});
