import { For, Show } from 'solid-js';
import { NoValue } from '../../components/NoValue';
import { enumChoices, fieldLabel, uiHints } from './fields/uiOptions';
import { parseRepoUrl } from './repoUrl';
import type { FormField, FormPage } from './templateForm';

/** How a value reads on the review page: secrets masked, repository locations spelled out. */
function display(field: FormField, value: unknown, secret: boolean): string | undefined {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
  const hints = uiHints(field.ui);
  if (secret || hints.review.mask) return hints.review.mask ?? '••••••••';
  if (hints.field === 'RepoUrlPicker') {
    const { host, owner, repo } = parseRepoUrl(value);
    return `${host}/${owner}/${repo}`;
  }
  // An enum shows the label the form offered, not the stored value.
  const choice = enumChoices(field.schema).find((c) => c.value === value);
  if (choice) return choice.label;
  if (Array.isArray(value)) {
    const items = field.schema.items && typeof field.schema.items === 'object' ? enumChoices(field.schema.items as Record<string, unknown>) : [];
    return value.map((v) => items.find((c) => c.value === v)?.label ?? String(v)).join(', ');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Everything entered, page by page, for a last look before the task starts. */
export function ReviewStep(props: {
  pages: { page: FormPage; fields: FormField[] }[];
  values: Record<string, unknown>;
  secrets: string[];
  onEdit: (pageIndex: number) => void;
}) {
  return (
    <div class="sc-review">
      <For each={props.pages}>
        {(entry, i) => (
          <section class="sc-review-page" aria-labelledby={`review-${i()}`}>
            <div class="sc-review-head">
              <h3 id={`review-${i()}`}>{entry.page.title}</h3>
              <button type="button" class="button button-ghost button-small" onClick={() => props.onEdit(i())}>
                <span aria-hidden="true">Edit</span>
                <span class="sr-only">Edit {entry.page.title}</span>
              </button>
            </div>
            <dl class="facts-grid sc-review-grid">
              <For each={entry.fields.filter((f) => uiHints(f.ui).review.show)}>
                {(field) => (
                  <div>
                    <dt>{fieldLabel(field.name, field.schema)}</dt>
                    <dd>
                      <Show when={display(field, props.values[field.name], props.secrets.includes(field.name))} fallback={<NoValue />}>
                        {(text) => <span class="sc-review-value">{text()}</span>}
                      </Show>
                    </dd>
                  </div>
                )}
              </For>
            </dl>
          </section>
        )}
      </For>
    </div>
  );
}
