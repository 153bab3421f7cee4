import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { ApiError } from '../../api/http';
import { scaffolderApi, type DryRunFile, type DryRunResult } from '../../api/scaffolderApi';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle } from '../../lib/documentTitle';
import { applyDefaults, secretFields } from '../../../worker/scaffolder/template/parameters';
import { folderContents, previewFile, sortFiles, type PreviewFile } from './dryRunFiles';
import { StatusBadge } from './StatusBadge';
import { TaskLog } from './TaskLog';
import { TaskOutputCard } from './TaskOutputCard';
import './scaffolder.css';

const STARTER = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: hello
  title: Hello
spec:
  owner: group:default/platform
  type: service
  parameters:
    - title: About
      required: [name]
      properties:
        name:
          type: string
          pattern: '^[a-z][a-z0-9-]*$'
  steps:
    - id: log
      name: Say hello
      action: debug:log
      input:
        message: Hello, \${{ parameters.name }}!
  output:
    text:
      - title: Greeting
        content: Hello, \${{ parameters.name }}
`;

/** Reads a YAML (or JSON) text as an object, or says what is wrong with it. */
function readObject(text: string, what: string): { value?: Record<string, unknown>; problem?: string } {
  try {
    const value: unknown = parseYaml(text || '{}');
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: `${what} must be a YAML mapping.` };
    return { value: value as Record<string, unknown> };
  } catch (error) {
    return { problem: `${what} is not valid YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * `/create/edit`: Backstage's template editor. A template's YAML and the values for its form go
 * to `POST /v2/dry-run`, which runs the steps without side effects; the page shows the files the
 * template would produce, each step's log and the output.
 */
export default function TemplateEditorPage() {
  useDocumentTitle(() => 'Template editor · Create');
  const [templates] = createResource(() => scaffolderApi.templates());
  const [source, setSource] = createSignal(STARTER);
  const [valuesText, setValuesText] = createSignal('name: hello-world\n');
  const [problem, setProblem] = createSignal<{ title: string; message: string; request?: string }>();
  const [result, setResult] = createSignal<DryRunResult>();
  const [running, setRunning] = createSignal(false);
  const [openFile, setOpenFile] = createSignal<string>();
  // The template's folder (skeleton and all), as Backstage's editor loads it from disk.
  const [folder, setFolder] = createSignal<{ name: string; files: DryRunFile[] }>();

  const pickFolder = async (input: HTMLInputElement) => {
    const picked = [...(input.files ?? [])];
    if (!picked.length) return;
    try {
      const files = await folderContents(picked);
      const root = picked[0]!.webkitRelativePath.split('/')[0] || 'folder';
      setFolder({ name: root, files });
      const yaml = files.find((f) => f.path === 'template.yaml');
      if (yaml) setSource(previewFile(yaml).text ?? source());
      setProblem(undefined);
    } catch (error) {
      setProblem({ title: 'The folder could not be read', message: error instanceof Error ? error.message : String(error) });
    } finally {
      input.value = '';
    }
  };

  const load = (ref: string) => {
    const picked = templates.latest?.find((t) => t.entityRef === ref);
    if (!picked) return;
    setSource(toYaml(picked.entity));
    setFolder(undefined);
    const defaults = applyDefaults(picked.entity.spec?.parameters, {});
    setValuesText(Object.keys(defaults).length ? toYaml(defaults) : '{}\n');
    setResult(undefined);
    setProblem(undefined);
  };

  const run = async (event: SubmitEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const template = readObject(source(), 'The template');
    const values = readObject(valuesText(), 'The values');
    const bad = template.problem ?? values.problem;
    if (bad) return setProblem({ title: 'Nothing was run', message: bad });
    // Secret fields travel apart from values, exactly as the form sends them.
    const secretNames = new Set(secretFields((template.value?.spec as { parameters?: unknown } | undefined)?.parameters));
    const plain: Record<string, unknown> = {};
    const secrets: Record<string, string> = {};
    for (const [k, v] of Object.entries(values.value ?? {})) {
      if (secretNames.has(k)) secrets[k] = String(v);
      else plain[k] = v;
    }
    setRunning(true);
    try {
      const answer = await scaffolderApi.dryRun({ template: template.value, values: plain, secrets, directoryContents: folder()?.files });
      setResult(answer);
      // Keep the file being read open across runs, so an edit's effect shows where one looks.
      setOpenFile((current) => (answer.directoryContents.some((f) => f.path === current) ? current : sortFiles(answer.directoryContents)[0]?.path));
    } catch (error) {
      setResult(undefined);
      setProblem({
        title: 'The dry run failed',
        message: error instanceof Error ? error.message : String(error),
        request: error instanceof ApiError ? `${error.status} · ${error.errorName} · ${error.request}` : undefined,
      });
    } finally {
      setRunning(false);
    }
  };

  const files = (): PreviewFile[] => sortFiles((result()?.directoryContents ?? []).map(previewFile));
  const shownFile = () => files().find((f) => f.path === openFile());
  const stepLog = (stepId: string) => (result()?.log ?? []).filter((l) => l.body.stepId === stepId).map((l) => l.body.message ?? '').filter(Boolean);
  const stepStatus = (stepId: string) => [...(result()?.log ?? [])].reverse().find((l) => l.body.stepId === stepId && l.body.status)?.body.status ?? 'open';

  return (
    <div class="page">
      <Breadcrumbs items={[{ label: 'Create', href: '/create' }, { label: 'Template editor' }]} />
      <PageHeader title="Template editor" description="Try a template without creating anything: edit its YAML and values, then preview the files and the log of each step." />
      <div class="sc-editor">
        <form class="card sc-editor-input" onSubmit={(e) => void run(e)} aria-label="Template and values">
          <div class="card-body sc-editor-form">
            <label class="field">
              <span class="field-label">Start from</span>
              <select class="input" onChange={(e) => load(e.currentTarget.value)} disabled={!templates.latest?.length}>
                <option value="">{templates.loading ? 'Loading templates…' : templates.error ? 'Templates could not be loaded' : 'An example (edit freely)'}</option>
                <For each={templates.latest ?? []}>{(t) => <option value={t.entityRef}>{t.title}</option>}</For>
              </select>
            </label>
            <div class="field">
              <label class="field-label" for="sc-folder">
                Or open a template folder
              </label>
              <input id="sc-folder" class="sc-folder-input" type="file" ref={(el) => (el.webkitdirectory = true)} multiple aria-describedby="sc-folder-help" onChange={(e) => void pickFolder(e.currentTarget)} />
              <p id="sc-folder-help" class="sc-help">
                <Show when={folder()} fallback="Its template.yaml is loaded below and its files (the skeleton) are sent with the dry run.">
                  {(f) => (
                    <>
                      {f().files.length} files from <code>{f().name}</code> are sent with the dry run.{' '}
                      <button type="button" class="sc-link-button" onClick={() => setFolder(undefined)}>
                        Forget them
                      </button>
                    </>
                  )}
                </Show>
              </p>
            </div>
            <label class="field">
              <span class="field-label">Template YAML</span>
              <textarea class="input sc-code-input" wrap="off" rows={20} spellcheck={false} value={source()} onInput={(e) => setSource(e.currentTarget.value)} />
            </label>
            <label class="field">
              <span class="field-label">Values (YAML)</span>
              <textarea class="input sc-code-input" wrap="off" rows={6} spellcheck={false} value={valuesText()} onInput={(e) => setValuesText(e.currentTarget.value)} />
            </label>
            <div>
              <button type="submit" class="button button-primary" disabled={running()}>
                <Icon name="play" />
                {running() ? 'Running…' : 'Dry run'}
              </button>
            </div>
          </div>
        </form>
        <section class="sc-editor-result" aria-label="Dry-run result" aria-busy={running()}>
          <Show when={problem()}>
            {(p) => (
              <Alert tone="error" title={p().title}>
                <p class="sc-failure">{p().message}</p>
                <Show when={p().request}>
                  <p class="error-details">
                    <code>{p().request}</code>
                  </p>
                </Show>
              </Alert>
            )}
          </Show>
          <Show
            when={result()}
            fallback={
              <div class="card">
                <EmptyState title="No dry run yet">
                  <p>Run the template to see the files it would create. Nothing is published or registered.</p>
                </EmptyState>
              </div>
            }
          >
            {(r) => (
              <>
                <TaskOutputCard output={r().output ?? {}} />
                <section class="card" aria-labelledby="sc-files-title">
                  <div class="card-header">
                    <h2 id="sc-files-title">Files ({files().length})</h2>
                  </div>
                  <div class="sc-files">
                    <ul class="sc-file-list" aria-label="Files">
                      <For each={files()}>
                        {(file) => (
                          <li>
                            <button type="button" class="sc-file" aria-current={openFile() === file.path ? 'true' : undefined} onClick={() => setOpenFile(file.path)}>
                              <Icon name="file" />
                              <span>{file.path}</span>
                            </button>
                          </li>
                        )}
                      </For>
                    </ul>
                    <div class="sc-file-view">
                      <Show when={shownFile()} fallback={<p class="muted">The template produced no files.</p>}>
                        {(file) => (
                          <>
                            <p class="sc-file-head">
                              <code>{file().path}</code>
                              <span class="muted">
                                {file().size} bytes{file().executable ? ' · executable' : ''}
                              </span>
                            </p>
                            <Show when={file().text !== undefined} fallback={<p class="muted">Binary file: no preview.</p>}>
                              <pre class="code-block sc-file-content">{file().text}</pre>
                            </Show>
                          </>
                        )}
                      </Show>
                    </div>
                  </div>
                </section>
                <section class="card" aria-labelledby="sc-steps-title">
                  <div class="card-header">
                    <h2 id="sc-steps-title">Steps</h2>
                  </div>
                  <div class="card-body sc-dry-steps">
                    <For each={r().steps} fallback={<p class="muted">No steps ran.</p>}>
                      {(step) => (
                        <details class="sc-dry-step" open={stepStatus(step.id) === 'failed'}>
                          <summary>
                            <StatusBadge status={stepStatus(step.id)} compact />
                            <span>{step.name || step.id}</span>
                            <code class="muted">{step.action}</code>
                          </summary>
                          <TaskLog lines={stepLog(step.id)} label={`Log of ${step.name || step.id}`} empty="No log lines." />
                        </details>
                      )}
                    </For>
                  </div>
                </section>
              </>
            )}
          </Show>
        </section>
      </div>
      <p class="sc-page-foot">
        <A href="/create/actions">Installed actions</A> · <A href="/create">Back to templates</A>
      </p>
    </div>
  );
}
