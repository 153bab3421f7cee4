import { useNavigate } from '@solidjs/router';
import { createSignal, createUniqueId, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import { ApiError } from '../../api/http';
import type { Entity } from '../../api/types';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle } from '../../lib/documentTitle';
import { entityRoute, getCompoundEntityRef, humanizeEntityRef } from '../../lib/entityRef';
import { kindLabel } from '../../lib/kinds';
import { landingEntity, previewOf, type ImportPreview } from './importFlow';
import './catalog-import.css';

const POLL_MS = 500;
const POLL_LIMIT_MS = 60_000;

type Step =
  | { name: 'idle' }
  | { name: 'analyzing' }
  | { name: 'preview'; preview: ImportPreview }
  | { name: 'registering'; preview: ImportPreview }
  | { name: 'waiting'; preview: ImportPreview; entity: Entity }
  | { name: 'failed'; title: string; error: unknown; preview?: ImportPreview };

const label = (entity: Entity) => humanizeEntityRef(getCompoundEntityRef(entity), { defaultKind: entity.kind });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `/catalog-import`: paste a descriptor or repository URL, preview what it adds, register it, and land on the result. */
export default function ImportPage() {
  useDocumentTitle(() => 'Register an existing component');
  const navigate = useNavigate();
  const inputId = createUniqueId();
  const hintId = createUniqueId();
  const [url, setUrl] = createSignal('');
  const [step, setStep] = createSignal<Step>({ name: 'idle' });
  let cancelled = false;
  onCleanup(() => (cancelled = true));

  const analyze = async (event: Event) => {
    event.preventDefault();
    const target = url().trim();
    if (!target) return;
    setStep({ name: 'analyzing' });
    try {
      setStep({ name: 'preview', preview: previewOf(target, await catalogApi.analyzeLocation(target)) });
    } catch (error) {
      setStep({ name: 'failed', title: 'Could not read that location', error });
    }
  };

  const waitUntilReadable = async (entity: Entity) => {
    const ref = getCompoundEntityRef(entity);
    const deadline = Date.now() + POLL_LIMIT_MS;
    for (;;) {
      if (cancelled) return false;
      try {
        await catalogApi.getEntityByName(ref.kind, ref.namespace, ref.name);
        return true;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404) || Date.now() > deadline) throw error;
      }
      await sleep(POLL_MS);
    }
  };

  const register = async (preview: ImportPreview) => {
    setStep({ name: 'registering', preview });
    try {
      const { entities } = await catalogApi.addLocation(preview.target);
      const entity = landingEntity(preview) ?? entities.find((e) => e.kind.toLowerCase() !== 'location');
      if (!entity) {
        navigate('/catalog');
        return;
      }
      setStep({ name: 'waiting', preview, entity });
      if (await waitUntilReadable(entity)) navigate(entityRoute(getCompoundEntityRef(entity)));
    } catch (error) {
      setStep({ name: 'failed', title: 'Registering the location failed', error, preview });
    }
  };

  const preview = () => {
    const s = step();
    return 'preview' in s ? s.preview : undefined;
  };
  const failed = () => {
    const s = step();
    return s.name === 'failed' ? s : undefined;
  };
  const waitingFor = () => {
    const s = step();
    return s.name === 'waiting' ? s.entity : undefined;
  };
  const busy = () => ['analyzing', 'registering', 'waiting'].includes(step().name);

  return (
    <div class="page import-page">
      <PageHeader
        title="Register an existing component"
        description="Point the catalog at a catalog-info.yaml (or a repository that has one at its root). Its entities are kept up to date from then on."
      />
      <form class="card import-form" onSubmit={analyze}>
        <label class="field-label" for={inputId}>
          Repository or descriptor URL
        </label>
        <div class="import-form-row">
          <input
            id={inputId}
            class="input"
            type="url"
            required
            placeholder="https://github.com/acme/payments/blob/main/catalog-info.yaml"
            aria-describedby={hintId}
            value={url()}
            onInput={(e) => {
              setUrl(e.currentTarget.value);
              if (!busy()) setStep({ name: 'idle' });
            }}
            disabled={busy()}
          />
          <button type="submit" class="button button-primary" disabled={busy() || !url().trim()}>
            <Icon name="search" />
            {step().name === 'analyzing' ? 'Analyzing…' : 'Analyze'}
          </button>
        </div>
        <p id={hintId} class="muted import-hint">
          Nothing is registered until you confirm the preview.
        </p>
      </form>

      <Switch>
        <Match when={step().name === 'analyzing'}>
          <p class="import-status" role="status">
            <span class="spinner" aria-hidden="true" /> Reading {url().trim()}…
          </p>
        </Match>
        <Match when={failed()}>
          {(failed) => (
            <div class="card">
              <ErrorPanel title={failed().title} error={failed().error}>
                <Show when={failed().preview}>
                  {(p) => (
                    <button type="button" class="button" onClick={() => void register(p())}>
                      <Icon name="refresh" />
                      Try again
                    </button>
                  )}
                </Show>
              </ErrorPanel>
            </div>
          )}
        </Match>
        <Match when={preview()}>
          {(p) => (
            <section class="card import-preview" aria-labelledby="import-preview-title">
              <div class="card-header">
                <h2 id="import-preview-title" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
                  Preview
                </h2>
              </div>
              <div class="card-body">
                <p>
                  Location <code class="import-target">{p().target}</code>
                </p>
                <Show when={p().missingDescriptor}>
                  <Alert tone="warning" title="No catalog-info.yaml found there">
                    <p>Add a catalog-info.yaml to the repository (or paste the URL of the file itself), then analyze again.</p>
                  </Alert>
                </Show>
                <Show when={p().problems.length}>
                  <Alert tone="error" title={`${p().problems.length} problem${p().problems.length === 1 ? '' : 's'} in this location`}>
                    <ul class="alert-list">
                      <For each={p().problems}>
                        {(problem) => (
                          <li>
                            <Show when={problem.where}>
                              <strong>{problem.where}: </strong>
                            </Show>
                            {problem.message}
                          </li>
                        )}
                      </For>
                    </ul>
                  </Alert>
                </Show>
                <Show when={p().entities.length}>
                  <h3 class="import-subtitle">
                    {p().entities.length} entit{p().entities.length === 1 ? 'y' : 'ies'} found
                  </h3>
                  <ul class="import-entities">
                    <For each={p().entities}>
                      {(item) => (
                        <li>
                          <Badge tone="accent">{kindLabel(item.entity.kind)}</Badge>
                          <span class="import-entity-name">{item.entity.metadata.title ?? label(item.entity)}</span>
                          <Show when={item.isRegistered}>
                            <Badge tone="muted">already registered</Badge>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <Switch>
                  <Match when={waitingFor()}>
                    {(entity) => (
                      <p class="import-status" role="status">
                        <span class="spinner" aria-hidden="true" /> Registered. Waiting for the catalog to finish reading{' '}
                        <strong>{label(entity())}</strong>…
                      </p>
                    )}
                  </Match>
                  <Match when={true}>
                    <div class="import-actions">
                      <Show
                        when={p().canRegister}
                        fallback={
                          <p class="muted">
                            {p().entities.length ? 'Everything here is registered already.' : 'There is nothing to register.'}
                          </p>
                        }
                      >
                        <button type="button" class="button button-primary" disabled={busy()} onClick={() => void register(p())}>
                          <Icon name="check" />
                          {step().name === 'registering' ? 'Registering…' : 'Register'}
                        </button>
                      </Show>
                    </div>
                  </Match>
                </Switch>
              </div>
            </section>
          )}
        </Match>
      </Switch>
    </div>
  );
}
