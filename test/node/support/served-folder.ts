import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveFolder } from '../../../scripts/serve-folder.mjs';

/** A folder served over HTTP on 127.0.0.1, as a repository would serve its descriptors. */
export interface ServedFolder {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on a free port with scripts/serve-folder.mjs. */
export async function serveTestFolder(dir: string): Promise<ServedFolder> {
  const server = await serveFolder(dir, 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes `files` (name → text) to a fresh temporary folder and serves it; close() also deletes the folder. */
export async function serveTempFiles(prefix: string, files: Record<string, string>): Promise<ServedFolder> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const served = await serveTestFolder(dir);
    return {
      url: served.url,
      async close() {
        await served.close();
        await removeDir();
      },
    };
  } catch (error) {
    await removeDir();
    throw error;
  }
}
