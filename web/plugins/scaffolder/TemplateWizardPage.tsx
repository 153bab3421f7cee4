import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, on, createEffect, Show, Switch } from 'solid-js';
import { ApiError } from '../../api/http';
import { scaffolderApi, type TemplateParameterSchema } from '../../api/scaffolderApi';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon } from '../../components/Icon';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle } from '../../lib/documentTitle';
import {
  applyDefaults,
  formPages,
  secretFields,
  validatePage,
  validateParameters,
  visibleFields,
  visiblePages,
} from '../../../worker/scaffolder/template/parameters';
import { mayRunTemplates } from './mayRun';
import { ReviewStep } from './ReviewStep';
import { SchemaField } from './fields/SchemaField';
import { Stepper } from './Stepper';
import { errorsByField, parametersOf, taskRequest, type FormField, type FormPage } from './templateForm';
import './scaffolder.css';

/** The loaded template: its form pages and the parameters they came from. */
interface LoadedTemplate {
  answer: TemplateParameterSchema;
  parameters: Record<string, unknown>[];
  pages: FormPage[];
}

/** Focuses the first control of the first field with an error, so keyboard users land on it. */
function focusFirstError(form: HTMLElement | undefined) {
  queueMicrotask(() => {
    const wrap = form?.querySelector<HTMLElement>('.sc-field-wrap[data-invalid]');
    wrap?.querySelector<HTMLElement>('input:not([type=hidden]):not([aria-hidden=true]), textarea, select, button')?.focus();
  });
}

/**
 * `/create/templates/:namespace/:name`: a template's parameters as a wizard, one page per step
 * (pages shown or hidden by their `when`), validated page by page with the very code the server
 * runs, then a review page and the task's creation.
 */
export default function TemplateWizardPage() {
  const params = useParams<{ namespace: string; name: string }>();
  const navigate = useNavigate();
  const [template, { refetch }] = createResource(
    () => ({ namespace: params.namespace, name: params.name }),
    async ({ namespace, name }): Promise<LoadedTemplate> => {
      const answer = await scaffolderApi.parameterSchema(namespace, 'template', name);
      const parameters = parametersOf(answer);
      return { answer, parameters, pages: formPages(parameters) };
    },
  );
  useDocumentTitle(() => `${template.latest?.answer.title ?? params.name} · Create`);

  return (
    <div class="page">
      <Breadcrumbs items={[{ label: 'Create', href: '/create' }, { label: template.latest?.answer.title ?? params.name }]} />
      <Switch fallback={<LoadingState label="Loading the template" />}>
        <Match when={template.error}>
          <PageHeader title={params.name} />
          <ErrorPanel title="Could not load this template" error={template.error} onRetry={refetch}>
            <A class="button" href="/create">
              Back to templates
            </A>
          </ErrorPanel>
        </Match>
        <Match when={template.latest}>{(loaded) => <Wizard template={loaded()} templateRef={`template:${params.namespace}/${params.name}`} onCreated={(id) => navigate(`/create/tasks/${encodeURIComponent(id)}`)} />}</Match>
      </Switch>
    </div>
  );
}

function Wizard(props: { template: LoadedTemplate; templateRef: string; onCreated: (taskId: string) => void }) {
  const [values, setValues] = createSignal<Record<string, unknown>>(applyDefaults(props.template.parameters, {}));
  const [active, setActive] = createSignal(0);
  const [visited, setVisited] = createSignal(0);
  // Errors appear once a page was submitted, then follow every change so a fixed field clears at once.
  const [checked, setChecked] = createSignal(new Set<number>());
  const [submitError, setSubmitError] = createSignal<unknown>();
  const [submitting, setSubmitting] = createSignal(false);
  let form: HTMLFormElement | undefined;
  let heading: HTMLHeadingElement | undefined;

  const pages = createMemo(() => visiblePages(props.template.pages, values()));
  const onReview = () => active() >= pages().length;
  const page = () => pages()[active()];
  // A field keeps its object while its schema, options and requiredness stay, so inputs are not
  // re-evaluated by changes to other fields.
  const fields = createMemo<FormField[]>((previous) => {
    const p = page();
    if (!p) return [];
    return visibleFields(p, values()).map((f) => {
      const before = previous.find((o) => o.name === f.name);
      return before && before.schema === f.schema && before.ui === f.ui && before.required === f.required ? before : f;
    });
  }, []);
  // Keyed by name so typing does not re-create the inputs (and lose focus) on every change.
  const fieldNames = createMemo(() => fields().map((f) => f.name), undefined, { equals: (a, b) => a.join('\n') === b.join('\n') });
  const fieldOf = (name: string) => fields().find((f) => f.name === name);
  const pageErrors = createMemo(() => {
    const p = page();
    return p && checked().has(p.index) ? errorsByField(validatePage(p, values())) : {};
  });
  const allErrors = createMemo(() => (onReview() ? validateParameters(props.template.parameters, values()) : []));
  const secrets = createMemo(() => secretFields(props.template.parameters));

  // Fields the user has edited keep what they hold, even when emptied; others take their default.
  const touched = new Set<string>();
  const setValue = (name: string, value: unknown) =>
    setValues((current) => {
      touched.add(name);
      const next = { ...current };
      if (value === undefined) delete next[name];
      else next[name] = value;
      // A choice can reveal fields with defaults of their own.
      const filled = applyDefaults(props.template.parameters, next);
      for (const [key, v] of Object.entries(filled)) if (!(key in next) && !touched.has(key)) next[key] = v;
      return next;
    });

  const go = (index: number) => {
    setActive(index);
    setVisited((v) => Math.max(v, index));
    setSubmitError(undefined);
  };
  // Moving between pages puts focus on the new page's title, unless a field asks for it.
  createEffect(
    on(active, () => {
      queueMicrotask(() => {
        if (!form?.querySelector('[autofocus]')) heading?.focus();
        else form.querySelector<HTMLElement>('[autofocus]')?.focus();
      });
    }, { defer: true }),
  );

  const next = (event: SubmitEvent) => {
    event.preventDefault();
    const p = page();
    if (!p) return void submit();
    setChecked((s) => new Set(s).add(p.index));
    if (validatePage(p, values()).length) return focusFirstError(form);
    go(active() + 1);
  };

  const submit = async () => {
    if (allErrors().length) return;
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const { id } = await scaffolderApi.createTask({ templateRef: props.templateRef, ...taskRequest(props.template.parameters, values()) });
      props.onCreated(id);
    } catch (error) {
      setSubmitError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const titles = () => [...pages().map((p) => p.title), 'Review'];
  const pageOfError = (path: string) => pages().findIndex((p) => visibleFields(p, values()).some((f) => f.name === path.split('.')[0]));

  return (
    <>
      <PageHeader title={props.template.answer.title} description={props.template.answer.description} />
      <Show when={!mayRunTemplates()}>
        <Alert tone="warning" title="You may not run templates">
          <p>You can fill in the form to see what this template asks, but creating needs the scaffolder.template.run permission.</p>
        </Alert>
      </Show>
      <div class="card sc-wizard">
        <Stepper titles={titles()} active={Math.min(active(), pages().length)} reachable={(i) => i <= visited()} onSelect={go} />
        <form ref={form} class="sc-wizard-body" onSubmit={next} novalidate aria-labelledby="sc-step-title">
          <Show
            when={!onReview()}
            fallback={
              <>
                <h2 id="sc-step-title" ref={heading} tabindex="-1" class="sc-step-title">
                  Review and create
                </h2>
                <p class="muted">Check what will be sent. Secrets are masked and never stored after the task ends.</p>
                <Show when={allErrors().length}>
                  <Alert tone="error" title="Some answers need fixing before the task can start">
                    <ul class="alert-list">
                      <For each={allErrors()}>
                        {(error) => (
                          <li>
                            <button type="button" class="sc-link-button" onClick={() => go(Math.max(0, pageOfError(error.path)))}>
                              {error.path || 'Form'}
                            </button>{' '}
                            {error.message}
                          </li>
                        )}
                      </For>
                    </ul>
                  </Alert>
                </Show>
                <ReviewStep
                  pages={pages().map((p) => ({ page: p, fields: visibleFields(p, values()) }))}
                  values={values()}
                  secrets={secrets()}
                  onEdit={go}
                />
              </>
            }
          >
            <h2 id="sc-step-title" ref={heading} tabindex="-1" class="sc-step-title">
              {page()?.title}
            </h2>
            <Show when={page()?.description}>
              <p class="muted sc-step-description">{page()?.description}</p>
            </Show>
            <div class="sc-fields">
              <For each={fieldNames()}>
                {(name) => (
                  <Show when={fieldOf(name)}>
                    {(field) => (
                      <div class="sc-field-wrap" data-field={name} data-invalid={pageErrors()[name] ? '' : undefined}>
                        <SchemaField field={field()} value={values()[name]} error={pageErrors()[name]} onChange={(v) => setValue(name, v)} />
                      </div>
                    )}
                  </Show>
                )}
              </For>
              <Show when={pageErrors()['']}>
                <Alert tone="error" title="This page is not valid">
                  <p>{pageErrors()['']}</p>
                </Alert>
              </Show>
            </div>
          </Show>
          <Show when={submitError()}>
            {(error) => (
              <Alert tone="error" title="The task was not created">
                <p>{error() instanceof Error ? (error() as Error).message : String(error())}</p>
                <Show when={error() instanceof ApiError ? (error() as ApiError) : undefined}>
                  {(e) => (
                    <p class="error-details">
                      <span>
                        {e().status ? `${e().status} · ` : ''}
                        {e().errorName}
                      </span>{' '}
                      <code>{e().request}</code>
                    </p>
                  )}
                </Show>
              </Alert>
            )}
          </Show>
          <div class="sc-wizard-actions">
            <Show when={active() > 0}>
              <button type="button" class="button" onClick={() => go(active() - 1)}>
                <Icon name="chevronLeft" />
                Back
              </button>
            </Show>
            <Show
              when={onReview()}
              fallback={
                <button type="submit" class="button button-primary">
                  {active() === pages().length - 1 ? 'Review' : 'Next'}
                  <Icon name="chevronRight" />
                </button>
              }
            >
              <button type="button" class="button button-primary" disabled={submitting() || allErrors().length > 0 || !mayRunTemplates()} onClick={() => void submit()}>
                <Icon name="play" />
                {submitting() ? 'Creating…' : 'Create'}
              </button>
            </Show>
          </div>
        </form>
      </div>
    </>
  );
}
