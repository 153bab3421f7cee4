import { describe, expect, it } from 'vitest';
import { slugify } from '../src/index.js';

describe('${{ values.packageName }}', () => {
  it('slugifies words', () => {
    expect(slugify('Hello', 'World!')).toBe('hello-world');
  });

  it('drops leading and trailing separators', () => {
    expect(slugify('  --x--  ')).toBe('x');
  });
});
