import { createClient } from '@libsql/client';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { storeContract } from '../shared/store-contract';
import { fromLibsql } from '../../worker/db/client';
import { CatalogStore } from '../../worker/catalog/store/store';

const dir = mkdtempSync(join(tmpdir(), 'greenroom-libsql-'));
const migrations = readdirSync('migrations')
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => readFileSync(join('migrations', f), 'utf8'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('libSQL (local file)', async () => {
  const client = createClient({ url: `file:${join(dir, `catalog-${n++}.db`)}` });
  for (const m of migrations) await client.executeMultiple(m);
  return new CatalogStore(fromLibsql(client));
});
