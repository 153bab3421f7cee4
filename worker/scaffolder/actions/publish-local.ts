import { createTarGzip } from 'nanotar';
import { providedEntity } from '../../catalog/ingest/process';
import type { DocumentError, ProcessedEntity } from '../../catalog/ingest/types';
import { parseDocuments } from '../../catalog/ingest/yaml';
import { readAll } from '../workspace/workspace';
import { workspacePath } from '../workspace/path';
import { defineAction, PermanentActionError } from './types';

/** R2 key of a task's published archive. */
export const archiveKey = (taskId: string) => `scaffolder/${taskId}/archive.tar.gz`;

/** Location key the entities of a locally published task are written under. */
const localLocationKey = (taskId: string) => `scaffolder-local:${taskId}`;

/** Where the archive of a task is downloaded from. */
const archivePath = (taskId: string) => `/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}/archive`;

/**
 * publish:local — the publish target that needs no GitHub: the workspace becomes a downloadable
 * .tar.gz (kept in R2) and its catalog-info.yaml is registered in the catalog at once.
 */
export const publishLocal = defineAction<{ name?: string; sourcePath?: string; catalogInfoPath?: string }>({
  id: 'publish:local',
  description: 'Publishes the workspace as a downloadable .tar.gz archive and registers its catalog-info.yaml in the catalog (no GitHub needed).',
  schema: {
    input: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'Folder name inside the archive (default: the task id).' },
        sourcePath: { type: 'string', description: 'Workspace folder to publish (default: all of it).' },
        catalogInfoPath: { type: 'string', description: 'Descriptor to register, relative to sourcePath (default /catalog-info.yaml); an empty string registers nothing.' },
      },
    },
    output: {
      type: 'object',
      properties: {
        remoteUrl: { type: 'string', description: 'Download URL of the archive.' },
        entityRef: { type: 'string', description: 'The first registered entity.' },
        entityRefs: { type: 'array', items: { type: 'string' } },
      },
    },
  },
  async handler(ctx) {
    const files = await readAll(ctx.workspace, ctx.input.sourcePath ?? '');
    if (!files.length) throw new PermanentActionError('publish:local: the workspace is empty; fetch a skeleton first');
    const folder = workspacePath(ctx.input.name ?? ctx.task.id);
    const archive = await createTarGzip(
      files.map((f) => ({ name: `${folder}/${f.path}`, data: f.content, attrs: { mode: f.executable ? '755' : '644', mtime: Date.now() } })),
    );
    await ctx.env.WORKSPACES.put(archiveKey(ctx.task.id), archive, { httpMetadata: { contentType: 'application/gzip' }, customMetadata: { filename: `${folder}.tar.gz` } });
    // Same-origin and relative: the portal serves it wherever it is deployed.
    const remoteUrl = archivePath(ctx.task.id);
    ctx.output('remoteUrl', remoteUrl);
    await ctx.log(`Packed ${files.length} files (${archive.byteLength} bytes): ${remoteUrl}`);

    const descriptor = ctx.input.catalogInfoPath ?? '/catalog-info.yaml';
    if (!descriptor) return;
    const file = files.find((f) => f.path === workspacePath(descriptor));
    if (!file) throw new PermanentActionError(`publish:local: ${descriptor} is not in the workspace`);
    const key = localLocationKey(ctx.task.id);
    const entities: ProcessedEntity[] = [];
    const errors: DocumentError[] = [];
    for (const doc of parseDocuments(new TextDecoder().decode(file.content))) {
      if (doc.error) throw new PermanentActionError(`publish:local: ${descriptor} is not valid YAML: ${doc.error.message}`);
      if (doc.value === null || doc.value === undefined) continue;
      const result = providedEntity(doc.value, { locationKey: key, originKey: key });
      if ('entity' in result) {
        result.entity.metadata.annotations = { ...result.entity.metadata.annotations, 'greenroom.dev/scaffolded-by': ctx.task.id };
        entities.push(result);
      } else errors.push(result);
    }
    if (errors.length) throw new PermanentActionError(`publish:local: ${descriptor} holds an invalid entity: ${errors.map((e) => e.message).join('; ')}`);
    await ctx.catalog.store.writeLocation({ locationKey: key, originKey: key, output: { entities, errors: [], children: [] }, orphanStrategy: 'delete' });
    const refs = entities.map((e) => e.ref);
    ctx.output('entityRefs', refs);
    if (refs[0]) ctx.output('entityRef', refs[0]);
    await ctx.log(`Registered ${refs.join(', ')} in the catalog`);
  },
});
