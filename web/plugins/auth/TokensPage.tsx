import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { authApi, type ApiToken, type Scope } from '../../api/authApi';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { ConfirmButton } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon } from '../../components/Icon';
import { NoValue } from '../../components/NoValue';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDateTime } from '../../lib/dateTime';
import { useDocumentTitle } from '../../lib/documentTitle';
import { settledValue } from '../../lib/resource';

const SCOPE_TEXT: Record<Scope, string> = {
  'catalog:read': 'Read the catalog',
  'catalog:write': 'Register, refresh, unregister and delete catalog entities',
  'techdocs:publish': 'Publish documentation',
  'scaffolder:run': 'Run software templates',
};

const LIFETIMES = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '366', label: '1 year' },
];

const date = (iso: string | null) => (iso ? formatDateTime(iso) : <NoValue />);

function tokenState(token: ApiToken): { label: string; tone: 'muted' | 'warning' | 'accent' } {
  if (token.revokedAt) return { label: 'Revoked', tone: 'muted' };
  if (Date.parse(token.expiresAt) <= Date.now()) return { label: 'Expired', tone: 'warning' };
  return { label: 'Active', tone: 'accent' };
}

/** API tokens for scripts and CI: create one (its secret shown once), see when each was last used, revoke. */
export default function TokensPage() {
  useDocumentTitle(() => 'API tokens');
  const [tokens, { refetch }] = createResource(() => authApi.tokens());
  const [name, setName] = createSignal('');
  const [scopes, setScopes] = createSignal<Scope[]>(['catalog:read']);
  const [days, setDays] = createSignal('90');
  const [secret, setSecret] = createSignal<string>();
  const [copied, setCopied] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const toggle = (scope: Scope, on: boolean) => setScopes((s) => (on ? [...s, scope] : s.filter((x) => x !== scope)));
  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await authApi.createToken({ name: name().trim(), scopes: scopes(), expiresInDays: Number(days()) });
      setSecret(created.secret);
      setCopied(false);
      setName('');
      void refetch();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    await navigator.clipboard.writeText(secret() ?? '');
    setCopied(true);
  };

  return (
    <div class="page">
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and CI call the API as you, limited to the scopes you choose. Send one as Authorization: Bearer <token>."
      />
      <Show when={secret()}>
        {(value) => (
          <div class="card token-secret" role="status">
            <div class="card-body">
              <p class="token-secret-title">Copy your new token now: it will not be shown again.</p>
              <div class="token-secret-row">
                <code class="token-secret-value">{value()}</code>
                <button type="button" class="button" onClick={() => void copy()}>
                  <Icon name={copied() ? 'check' : 'copy'} />
                  {copied() ? 'Copied' : 'Copy'}
                </button>
              </div>
            </div>
          </div>
        )}
      </Show>
      <form class="card token-form" onSubmit={(e) => void create(e)}>
        <div class="card-header">
          <h2>New token</h2>
        </div>
        <div class="card-body token-form-body">
          <label class="field">
            <span class="field-label">Name</span>
            <input class="input" name="name" required maxLength={100} placeholder="e.g. deploy pipeline" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <fieldset class="field">
            <legend class="field-label">Scopes</legend>
            <For each={Object.keys(SCOPE_TEXT) as Scope[]}>
              {(scope) => (
                <label class="checkbox-row">
                  <input type="checkbox" checked={scopes().includes(scope)} onChange={(e) => toggle(scope, e.currentTarget.checked)} />
                  <code>{scope}</code>
                  <span class="muted">{SCOPE_TEXT[scope]}</span>
                </label>
              )}
            </For>
          </fieldset>
          {/* A native select: the Kobalte one would pull its popover code into every page's shared chunk. */}
          <label class="field">
            <span class="field-label">Expires after</span>
            <select class="input" value={days()} onChange={(e) => setDays(e.currentTarget.value)}>
              <For each={LIFETIMES}>{(l) => <option value={l.value}>{l.label}</option>}</For>
            </select>
          </label>
          <Show when={error()}>
            <Alert tone="error" title="The token was not created">
              <p>{error()}</p>
            </Alert>
          </Show>
          <div>
            <button type="submit" class="button button-primary" disabled={busy() || !name().trim() || scopes().length === 0}>
              <Icon name="key" />
              Create token
            </button>
          </div>
        </div>
      </form>
      <section class="card table-card" aria-labelledby="tokens-title">
        <div class="card-header">
          <h2 id="tokens-title">Your tokens</h2>
        </div>
        <Switch>
          <Match when={tokens.error}>
            <ErrorPanel title="Could not load your tokens" error={tokens.error} onRetry={refetch} />
          </Match>
          <Match when={settledValue(tokens)?.length === 0}>
            <EmptyState title="No tokens yet" />
          </Match>
          <Match when={settledValue(tokens)}>
            {(list) => (
              <div class="table-scroll">
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Scopes</th>
                      <th scope="col">Created</th>
                      <th scope="col">Expires</th>
                      <th scope="col">Last used</th>
                      <th scope="col">State</th>
                      <th scope="col">
                        <span class="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(token) => (
                        <tr>
                          <th scope="row">{token.name}</th>
                          <td>
                            <For each={token.scopes}>{(s) => <code class="scope">{s}</code>}</For>
                          </td>
                          <td>{date(token.createdAt)}</td>
                          <td>{date(token.expiresAt)}</td>
                          <td>{date(token.lastUsedAt)}</td>
                          <td>
                            <Badge tone={tokenState(token).tone}>{tokenState(token).label}</Badge>
                          </td>
                          <td class="col-actions">
                            <Show when={!token.revokedAt}>
                              <ConfirmButton
                                class="button button-small"
                                label={<>Revoke<span class="sr-only"> {token.name}</span></>}
                                title={`Revoke “${token.name}”?`}
                                confirmLabel="Revoke token"
                                onConfirm={async () => {
                                  await authApi.revokeToken(token.id);
                                  await refetch();
                                }}
                              >
                                <p>Anything using this token stops working at once.</p>
                              </ConfirmButton>
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            )}
          </Match>
          <Match when={tokens.loading}>
            <TableSkeleton rows={3} label="Loading your tokens" />
          </Match>
        </Switch>
      </section>
    </div>
  );
}
