import { createClient } from '@libsql/client';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'greenroom-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = readdirSync('migrations').filter((f) => f.endsWith('.sql')).sort();
const sqlOf = (f: string) => readFileSync(join('migrations', f), 'utf8');
const REPAIR = '0013_catalog_generation_repair.sql';
const EMITTED_ONCE = '0014_relations_emitted_once.sql';

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

  it('keep every relation pair once, from the side of the entity that emitted it, found from the other side too', async () => {
    const client = createClient({ url: `file:${join(dir, 'relations.db')}` });
    for (const f of files.filter((f) => f < EMITTED_ONCE)) await client.executeMultiple(sqlOf(f));
    await client.executeMultiple(`
      INSERT INTO entities (id, uid, ref, kind, namespace, name, hash, etag, body, updated_at) VALUES
        (1, 'u1', 'component:default/a', 'component', 'default', 'a', 'h', 'e', '{}', 'now'),
        (2, 'u2', 'user:default/bob', 'user', 'default', 'bob', 'h', 'e', '{}', 'now');
      INSERT INTO relations (origin_id, source, type, target) VALUES
        (1, 'component:default/a', 'ownedBy', 'group:default/t'),
        (1, 'group:default/t', 'ownerOf', 'component:default/a'),
        (2, 'group:default/g', 'hasMember', 'user:default/bob'),
        (2, 'group:default/x', 'ownerOf', 'group:default/y');`);
    for (const f of files.filter((f) => f >= EMITTED_ONCE)) await client.executeMultiple(sqlOf(f));
    const rows = await client.execute('SELECT origin_id, source, type, target FROM relations ORDER BY origin_id, type');
    expect(rows.rows.map((r) => [r.origin_id, r.source, r.type, r.target])).toEqual([
      [1, 'component:default/a', 'ownedBy', 'group:default/t'],
      [2, 'user:default/bob', 'memberOf', 'group:default/g'],
    ]);
    const pointingAt = async (ref: string) =>
      (await client.execute({ sql: `SELECT rowid FROM relation_targets WHERE relation_targets MATCH '"' || hex(?) || '"'`, args: [ref] })).rows.map((r) => r.rowid);
    expect(await pointingAt('group:default/t')).toEqual([1]);
    expect(await pointingAt('group:default/g')).toEqual([2]);
    expect(await pointingAt('group:default/y')).toEqual([]);
  });

  it('leave a database migrated from scratch with one generation row, still moved by writes', async () => {
    const client = createClient({ url: `file:${join(dir, 'fresh.db')}` });
    for (const f of files) await client.executeMultiple(sqlOf(f));
    await expectWriteMovesGeneration(client);
    const triggers = await client.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'entities_generation_%'");
    expect(Number(triggers.rows[0]!.n)).toBe(3);
  });
});
