import { createClient } from '@libsql/client';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'greenroom-migrations-'));
const files = readdirSync('migrations').filter((f) => f.endsWith('.sql')).sort();
const sqlOf = (f: string) => readFileSync(join('migrations', f), 'utf8');
const REPAIR = '0013_catalog_generation_repair.sql';

const generation = async (client: ReturnType<typeof createClient>) =>
  (await client.execute('SELECT value FROM catalog_generation')).rows.map((r) => Number(r.value));

/** Writes an entity and checks the one generation row took a new value. */
async function expectWriteMovesGeneration(client: ReturnType<typeof createClient>) {
  const [before] = await generation(client);
  await client.execute(`INSERT INTO entities (uid, ref, kind, namespace, name, hash, etag, body, updated_at)
    VALUES ('u1', 'component:default/a', 'component', 'default', 'a', 'h', 'e', '{}', 'now')`);
  const after = await generation(client);
  expect(after).toHaveLength(1);
  expect(after[0]).not.toBe(before);
}

describe('migrations', () => {
  it('give a database whose 0001 ran before the catalog generation existed its table and triggers back', async () => {
    const client = createClient({ url: `file:${join(dir, 'early.db')}` });
    for (const f of files.filter((f) => f < REPAIR)) await client.executeMultiple(sqlOf(f));
    // The state of a database migrated by the first version of 0001.
    await client.executeMultiple(`DROP TRIGGER entities_generation_insert; DROP TRIGGER entities_generation_update;
      DROP TRIGGER entities_generation_delete; DROP TABLE catalog_generation;`);
    for (const f of files.filter((f) => f >= REPAIR)) await client.executeMultiple(sqlOf(f));
    await expectWriteMovesGeneration(client);
  });

  it('leave a database migrated from scratch with one generation row, still moved by writes', async () => {
    const client = createClient({ url: `file:${join(dir, 'fresh.db')}` });
    for (const f of files) await client.executeMultiple(sqlOf(f));
    await expectWriteMovesGeneration(client);
    const triggers = await client.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'entities_generation_%'");
    expect(Number(triggers.rows[0]!.n)).toBe(3);
  });
});
