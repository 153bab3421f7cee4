import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('${{ values.name }}', () => {
  it('reports its health', async () => {
    const res = await SELF.fetch('http://example.com/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', service: '${{ values.name }}' });
  });

  it('greets by name', async () => {
    const res = await SELF.fetch('http://example.com/hello/world');
    expect(await res.json()).toEqual({ message: 'Hello, world!' });
  });

  it('answers unknown routes with a 404 error body', async () => {
    const res = await SELF.fetch('http://example.com/nope');
    expect(res.status).toBe(404);
  });
});
