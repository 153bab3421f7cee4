import { mapLimit } from '../../lib/pool';
import { workspacePath } from './path';

// Reads in flight at once when a whole workspace is read (R2 round trips overlap).
const READ_CONCURRENCY = 8;

/** One file of a workspace. */
export interface WorkspaceFile {
  path: string;
  content: Uint8Array;
  executable: boolean;
}

/** The files a task's steps work on: in R2 for real runs, in memory for dry runs. */
export interface Workspace {
  /** Every file path, sorted. */
  list(prefix?: string): Promise<string[]>;
  read(path: string): Promise<WorkspaceFile | undefined>;
  write(path: string, content: Uint8Array | string, executable?: boolean): Promise<void>;
  delete(path: string): Promise<void>;
  /** Removes every file. */
  clear(): Promise<void>;
}

const bytes = (c: Uint8Array | string) => (typeof c === 'string' ? new TextEncoder().encode(c) : c);

/** Every file of a workspace under `prefix` (a folder, '' for all), its path relative to that folder. */
export async function readAll(ws: Workspace, prefix = ''): Promise<WorkspaceFile[]> {
  const dir = workspacePath(prefix);
  const strip = dir ? dir.length + 1 : 0;
  const files = await mapLimit(await ws.list(dir), READ_CONCURRENCY, (p) => ws.read(p));
  return files.filter((f) => f !== undefined).map((f) => ({ ...f, path: f.path.slice(strip) }));
}

/** A workspace held in memory (dry runs, tests). */
export class MemoryWorkspace implements Workspace {
  readonly files = new Map<string, WorkspaceFile>();

  async list(prefix = ''): Promise<string[]> {
    const base = prefix ? `${workspacePath(prefix)}/` : '';
    return [...this.files.keys()].filter((p) => p.startsWith(base)).sort();
  }
  async read(path: string): Promise<WorkspaceFile | undefined> {
    return this.files.get(workspacePath(path));
  }
  async write(path: string, content: Uint8Array | string, executable = false): Promise<void> {
    const p = workspacePath(path);
    this.files.set(p, { path: p, content: bytes(content), executable });
  }
  async delete(path: string): Promise<void> {
    this.files.delete(workspacePath(path));
  }
  async clear(): Promise<void> {
    this.files.clear();
  }
}

/** A task's workspace in R2 under `scaffolder/<taskId>/workspace/`, so it survives crashes and redeploys. */
export class R2Workspace implements Workspace {
  private readonly root: string;

  constructor(
    private readonly bucket: R2Bucket,
    taskId: string,
  ) {
    this.root = `scaffolder/${taskId}/workspace/`;
  }

  async list(prefix = ''): Promise<string[]> {
    const base = this.root + (prefix ? `${workspacePath(prefix)}/` : '');
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bucket.list({ prefix: base, cursor });
      out.push(...page.objects.map((o) => o.key.slice(this.root.length)));
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return out.sort();
  }
  async read(path: string): Promise<WorkspaceFile | undefined> {
    const p = workspacePath(path);
    const obj = await this.bucket.get(this.root + p);
    if (!obj) return undefined;
    return { path: p, content: new Uint8Array(await obj.arrayBuffer()), executable: obj.customMetadata?.executable === 'true' };
  }
  async write(path: string, content: Uint8Array | string, executable = false): Promise<void> {
    await this.bucket.put(this.root + workspacePath(path), bytes(content), { customMetadata: { executable: String(executable) } });
  }
  async delete(path: string): Promise<void> {
    await this.bucket.delete(this.root + workspacePath(path));
  }
  async clear(): Promise<void> {
    const keys = (await this.list()).map((p) => this.root + p);
    for (let i = 0; i < keys.length; i += 1000) await this.bucket.delete(keys.slice(i, i + 1000));
  }
}
