import type { AddressInfo } from 'node:net';
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
