import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { validateEntity } from '../../catalog/model/validate';
import { base64ToBytes, bytesToBase64 } from '../../lib/base64';
import { InputError } from '../../lib/errors';
import { requestIngestDeps } from '../../catalog/api/locations';
import { redact } from '../execution/redact';
import { expressionContext, planStep, renderTaskOutput, runStep, type StepOutputs, type StepRun } from '../execution/steps';
import { templateSource } from '../sources/source';
import { prepareValues } from '../tasks/prepare';
import { taskSpec } from '../tasks/spec';
import { TaskStore } from '../tasks/store';
import { taskSecretBox } from '../tasks/secret-box';
import type { StepStatus } from '../tasks/types';
import { MemoryWorkspace } from '../workspace/workspace';
import { workspacePath } from '../workspace/path';
import { jsonObject, parameterErrors, secretsOf, valuesOf } from './validation';

const MAX_DRY_RUN_FILES = 500;
const MAX_DRY_RUN_BYTES = 5 * 1024 * 1024;

function redactBytes(bytes: Uint8Array, secrets: Record<string, string>): Uint8Array {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return new TextEncoder().encode(redact(text, secrets));
  } catch {
    return bytes;
  }
}

function directoryContents(raw: unknown): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  if (raw === undefined) return files;
  if (!Array.isArray(raw)) throw new InputError('directoryContents must be an array of { path, base64Content }');
  if (raw.length > MAX_DRY_RUN_FILES) throw new InputError(`directoryContents holds more than ${MAX_DRY_RUN_FILES} files`);
  let total = 0;
  for (const f of raw as { path?: unknown; base64Content?: unknown }[]) {
    if (typeof f?.path !== 'string' || typeof f.base64Content !== 'string') throw new InputError('Each of directoryContents needs a path and a base64Content string');
    let content: Uint8Array;
    try {
      content = base64ToBytes(f.base64Content);
    } catch {
      throw new InputError(`directoryContents: ${f.path} is not valid base64`);
    }
    total += content.byteLength;
    if (total > MAX_DRY_RUN_BYTES) throw new InputError('directoryContents is larger than 5 MB');
    files.set(workspacePath(f.path), content);
  }
  return files;
}

/**
 * POST /v2/dry-run: runs a template (given in the body, with the files of its folder) against an
 * in-memory workspace. Actions that would change anything outside it are skipped; the answer
 * holds the log, the rendered files, the output and the steps, secrets redacted.
 */
export const dryRunRoutes = new Hono<AppEnv>().post('/v2/dry-run', async (c) => {
  const body = await jsonObject(c);
  if (!body) throw new InputError('The body must be a JSON object { template, values, secrets?, directoryContents? }');
  const checked = validateEntity(body.template);
  if (!checked.ok) throw new InputError(`template is not a valid entity: ${checked.message}`);
  const entity = checked.entity;
  if (entity.kind.toLowerCase() !== 'template') throw new InputError(`template must be a Template entity, not ${entity.kind}`);
  const values = valuesOf(body);
  const rawSecrets = secretsOf(body);
  const files = directoryContents(body.directoryContents);

  const prepared = prepareValues(entity.spec?.parameters, values, rawSecrets);
  if (prepared.errors.length) return parameterErrors(c, prepared.errors);
  const { secrets } = prepared;
  const ref = `template:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`;
  const userRef = c.var.principal?.identity.userEntityRef;
  const spec = taskSpec(entity, ref, prepared.parameters, userRef ? { ref: userRef } : {});
  // Relative URLs read the files sent along; without any, a built-in (or catalog) template's own folder.
  if (files.size || !spec.templateInfo.baseUrl) spec.templateInfo.baseUrl = 'dryrun:/template.yaml';

  const log: { body: { message: string; stepId?: string; status?: StepStatus } }[] = [];
  const push = (message: string, stepId?: string, status?: StepStatus) =>
    log.push({ body: { message: redact(message, secrets), ...(stepId ? { stepId } : {}), ...(status ? { status } : {}) } });
  const workspace = new MemoryWorkspace();
  const deps = requestIngestDeps(c);
  const base: StepRun['base'] = {
    workspace,
    templateSource: templateSource({ baseUrl: spec.templateInfo.baseUrl, config: c.var.config, reader: deps.reader, dryRunFiles: files }),
    secrets,
    task: { id: 'dry-run', createdBy: userRef ?? '', templateRef: ref },
    dryRun: true,
    isCancelled: async () => false,
    env: c.env,
    config: c.var.config,
    tasks: new TaskStore(c.var.store.db, taskSecretBox(c.var.config)),
    catalog: deps,
  };
  const outputs: StepOutputs = {};
  let failed = false;
  for (const s of spec.steps) {
    const ctx = expressionContext(spec, secrets, outputs);
    try {
      const plan = planStep(s, ctx);
      if (plan.skip) {
        push(`Skipping "${s.name}": its condition is false`, s.id, 'skipped');
        continue;
      }
      push(`Beginning step "${s.name}"`, s.id, 'processing');
      const output = await runStep({ step: s, ctx, secrets, log: async (m) => void push(m, s.id), base }, plan.iterations);
      outputs[s.id] = { output };
      push(`Finished step "${s.name}"`, s.id, 'completed');
    } catch (e) {
      push(`Step "${s.name}" failed: ${(e as Error).message}`, s.id, 'failed');
      failed = true;
      break;
    }
  }
  let output: Record<string, unknown> = {};
  if (!failed) {
    try {
      output = renderTaskOutput(spec, expressionContext(spec, secrets, outputs), secrets);
    } catch (e) {
      push(`The template's output could not be rendered: ${(e as Error).message}`);
    }
  }
  return c.json({
    log,
    directoryContents: [...workspace.files.values()].map((f) => ({ path: f.path, base64Content: bytesToBase64(redactBytes(f.content, secrets)), executable: f.executable })),
    output,
    steps: spec.steps.map((s) => ({ id: s.id, name: s.name, action: s.action })),
  });
});
