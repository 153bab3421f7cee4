import { describe, expect, it } from 'vitest';
import { parse as parseYaml12 } from 'yaml';
import {
  DecodeError,
  decodeUtf8,
  isTooDeep,
  MAX_DESCRIPTOR_BYTES,
  MAX_YAML_DEPTH,
  parseDocuments,
} from '../../worker/catalog/ingest/yaml';

/** Bad input must be refused well within a Worker's CPU budget. */
const FAST_MS = 500;

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

function nestedFlow(depth: number): string {
  return `a: ${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}`;
}

function nestedBlock(depth: number): string {
  return Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1';
}

describe('parseDocuments', () => {
  it('parses every document of a stream, numbering them in order', () => {
    expect(parseDocuments('a: 1\n---\nb: [x, y]\n')).toEqual([
      { docIndex: 0, value: { a: 1 } },
      { docIndex: 1, value: { b: ['x', 'y'] } },
    ]);
  });

  it('skips empty documents but still counts them, and keeps a leading comment with the first document', () => {
    expect(parseDocuments('# intro\n---\na: 1\n---\n---\n# only a comment\n---\nb: 2\n')).toEqual([
      { docIndex: 0, value: { a: 1 } },
      { docIndex: 3, value: { b: 2 } },
    ]);
    expect(parseDocuments('')).toEqual([]);
    expect(parseDocuments('# nothing\n')).toEqual([]);
  });

  it('keeps directives with the document they belong to, and honours `...` ends', () => {
    expect(parseDocuments('%YAML 1.2\n---\na: 1\n...\n%YAML 1.2\n---\nb: 2\n')).toEqual([
      { docIndex: 0, value: { a: 1 } },
      { docIndex: 1, value: { b: 2 } },
    ]);
  });

  it('does not split at `---` inside a line or an indented block scalar', () => {
    expect(parseDocuments('a: |\n  ---\n  x --- y\nb: c---d\n')).toEqual([{ docIndex: 0, value: { a: '---\nx --- y\n', b: 'c---d' } }]);
  });

  it('gives malformed YAML an error with rule yaml and a position, without affecting other documents', () => {
    const result = parseDocuments('ok: 1\n---\na: [1, 2\nb: {\n---\nalso: ok\n');
    expect(result[0]).toEqual({ docIndex: 0, value: { ok: 1 } });
    expect(result[1]).toMatchObject({ docIndex: 1, error: { docIndex: 1, rule: 'yaml' } });
    expect(result[1]!.error!.message).toMatch(/^YAML error at line 3, column \d+: /);
    expect(result[2]).toEqual({ docIndex: 2, value: { also: 'ok' } });
  });

  it('refuses duplicate keys, as Backstage does', () => {
    const [doc] = parseDocuments('a: 1\nb: 2\na: 3\n');
    expect(doc?.error).toEqual({ docIndex: 0, rule: 'yaml', message: 'YAML error: map keys must be unique; "a" is repeated' });
  });

  it('refuses a billion-laughs alias bomb quickly', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { result, ms } = timed(() => parseDocuments(lines.join('\n')));
    expect(result).toEqual([
      { docIndex: 0, error: { docIndex: 0, rule: 'yaml', message: 'YAML error: Excessive alias count indicates a resource exhaustion attack' } },
    ]);
    expect(ms).toBeLessThan(FAST_MS);
  });

  it(`accepts ${MAX_YAML_DEPTH} levels of nesting and refuses one more, flow or block`, () => {
    expect(parseDocuments(nestedFlow(MAX_YAML_DEPTH))[0]).toHaveProperty('value');
    expect(parseDocuments(nestedBlock(MAX_YAML_DEPTH))[0]).toHaveProperty('value');
    expect(parseDocuments(nestedFlow(MAX_YAML_DEPTH + 1))[0]?.error?.message).toMatch(/nesting deeper than 64 levels/);
    expect(parseDocuments(nestedBlock(MAX_YAML_DEPTH + 1))[0]?.error?.message).toMatch(/nesting deeper than 64 levels/);
  });

  it.each([
    ['1000-deep flow sequences', '['.repeat(1000) + ']'.repeat(1000)],
    ['1000-deep block maps', nestedBlock(1000)],
    ['a million compact sequence items', '- '.repeat(1_000_000) + 'x'],
    ['2 MB of open brackets', 'a: ' + '['.repeat(2_000_000)],
  ])('refuses %s quickly, then parses the next document', (_, deep) => {
    const { result, ms } = timed(() => parseDocuments(`${deep}\n---\nnext: 1\n`));
    expect(result[0]).toMatchObject({ docIndex: 0, error: { rule: 'yaml' } });
    expect(result[0]!.error!.message).toMatch(/nesting deeper than 64 levels/);
    expect(result[1]).toEqual({ docIndex: 1, value: { next: 1 } });
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('refuses aliases that stack nesting past the limit', () => {
    const inner = `${'['.repeat(40)}1${']'.repeat(40)}`;
    const [doc] = parseDocuments(`a: &x ${inner}\nb: ${'['.repeat(40)}*x${']'.repeat(40)}\n`);
    expect(doc?.error?.message).toMatch(/nesting deeper than 64 levels/);
  });

  it('keeps a __proto__ key as data', () => {
    const [doc] = parseDocuments('__proto__:\n  polluted: true\n');
    const value = doc?.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseDocuments reads plain and unusual YAML alike', () => {
  const descriptor = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: payments-api   # trailing comment',
    '  title: "Payments: the API"',
    "  description: >",
    '    Folded text that spans',
    '    two lines.',
    '  tags: [java, "spring-boot"]',
    '  annotations:',
    "    github.com/project-slug: 'acme/payments'",
    '  links:',
    '    - url: https://example.com/a?b=1&c=2',
    '      title: R&D notes *draft*',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: team-a',
    '  replicas: 3',
    '  ratio: 1.5e3',
    '  enabled: True',
    '  nothing: ~',
    '  since: 2024-01-01',
    '  script: |',
    '    echo "hi"',
    '    exit 0',
  ].join('\n');

  it('gives a typical descriptor exactly the value YAML 1.2 defines', () => {
    expect(parseDocuments(descriptor)).toEqual([{ docIndex: 0, value: parseYaml12(descriptor) }]);
  });

  it.each([
    ['0b101', '0b101'],
    ['-0x1A', '-0x1A'],
    ['+0x1', '+0x1'],
    ['-0o7', '-0o7'],
    ['+.5', 0.5],
    ['0o17', 15],
    ['0x1F', 31],
    ['0123', 123],
    ['.inf', Infinity],
    ['yes', 'yes'],
    ['2024-01-01', '2024-01-01'],
  ])('reads the scalar %s as YAML 1.2 core does', (text, expected) => {
    expect(parseDocuments(`k: ${text}`)).toEqual([{ docIndex: 0, value: { k: expected } }]);
  });

  it('expands anchors, aliases and merge-free references as YAML 1.2 does', () => {
    const text = 'base: &b {x: 1}\ncopy: *b\nlabel: !!str 12';
    expect(parseDocuments(text)).toEqual([{ docIndex: 0, value: parseYaml12(text) }]);
  });
});

describe('isTooDeep', () => {
  it('measures nesting of plain values', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_YAML_DEPTH; i++) deep = [deep];
    expect(isTooDeep(deep)).toBe(false);
    expect(isTooDeep({ a: deep })).toBe(true);
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('név: ü')]), 100)).toBe('név: ü');
  });

  it('refuses invalid UTF-8 with code invalid-utf8', () => {
    for (const bytes of [[0xff, 0xfe, 0x41], [0x61, 0xc3], [0xed, 0xa0, 0x80]]) {
      const run = () => decodeUtf8(new Uint8Array(bytes), 100);
      expect(run).toThrow(DecodeError);
      expect(run).toThrow('File is not valid UTF-8 text');
    }
  });

  it('refuses a 5 MB descriptor before decoding it', () => {
    const bytes = new Uint8Array(5 * 1024 * 1024).fill(0x61);
    const { result, ms } = timed(() => {
      try {
        return decodeUtf8(bytes, MAX_DESCRIPTOR_BYTES);
      } catch (e) {
        return e;
      }
    });
    expect(result).toBeInstanceOf(DecodeError);
    expect(result).toMatchObject({ code: 'too-large', message: expect.stringMatching(/more than the 2097152 bytes allowed/) });
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('accepts a file of exactly the limit', () => {
    expect(decodeUtf8(new Uint8Array(10).fill(0x61), 10)).toBe('a'.repeat(10));
  });
});
