import { SELF, env } from 'cloudflare:test';
import { it, expect } from 'vitest';
it('health', async () => {
  const r = await SELF.fetch('http://x/api/health');
  expect(await r.json()).toEqual({ ok: true });
  expect((await env.DB.prepare('select count(*) as n from t').first())).toEqual({ n: 0 });
});
