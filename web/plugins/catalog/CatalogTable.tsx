import { A } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import type { Entity } from '../../api/types';
import { EntityRefLink } from '../../components/EntityRefLink';
import { Icon } from '../../components/Icon';
import { IconLink } from '../../components/IconLink';
import { LifecycleBadge } from '../../components/LifecycleBadge';
import { NoValue } from '../../components/NoValue';
import { StarButton } from '../../components/StarButton';
import { TagList } from '../../components/TagList';
import { ANNOTATION, relationOrSpecRefs, sourceLocation, specString } from '../../lib/entity';
import { DEFAULT_NAMESPACE, entityRoute, getCompoundEntityRef } from '../../lib/entityRef';
import type { SortKey } from './catalogView';

// Columns that mean nothing for a kind are left out rather than shown empty.
const HAS_SYSTEM = new Set(['component', 'api', 'resource']);
const HAS_LIFECYCLE = new Set(['component', 'api']);
const NO_OWNER = new Set(['user', 'group', 'location']);
const NO_TYPE = new Set(['user']);

/** The table's sort: which column, which way, and what activating a header does. */
export interface TableSort {
  column: SortKey;
  order: 'asc' | 'desc';
  onSort: (column: SortKey) => void;
}

/** Focusable controls of a row, in tab order. */
const focusables = (row: Element) => [...row.querySelectorAll<HTMLElement>('a[href], button')];

/**
 * Arrow keys move between rows (staying in the same column where it can), Home and End jump to
 * the first and last row; Tab keeps its usual order and Enter follows the focused link.
 */
function onTableKeyDown(event: KeyboardEvent) {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key) || event.altKey || event.metaKey || event.ctrlKey) return;
  const target = event.target as HTMLElement;
  const row = target.closest('tbody tr');
  const body = row?.parentElement;
  if (!row || !body) return;
  const rows = [...body.children];
  const index = rows.indexOf(row);
  const next =
    event.key === 'ArrowDown' ? rows[index + 1] : event.key === 'ArrowUp' ? rows[index - 1] : event.key === 'Home' ? rows[0] : rows[rows.length - 1];
  if (!next) return;
  event.preventDefault();
  const column = focusables(row).indexOf(target);
  const candidates = focusables(next);
  (candidates[column] ?? candidates[0])?.focus();
}

/** A column header; sortable ones are a button that says which way the column is sorted. */
function Header(props: { column?: SortKey; sort?: TableSort; class?: string; children: JSX.Element }) {
  const sortable = () => (props.sort && props.column ? { sort: props.sort, column: props.column } : undefined);
  const active = () => props.column !== undefined && props.sort?.column === props.column;
  const ariaSort = () => (active() ? (props.sort?.order === 'asc' ? 'ascending' : 'descending') : sortable() ? 'none' : undefined);
  return (
    <th scope="col" class={props.class} aria-sort={ariaSort()}>
      <Show when={sortable()} fallback={props.children}>
        {(s) => (
          <button type="button" class="sort-button" classList={{ 'sort-active': active() }} onClick={() => s().sort.onSort(s().column)}>
            {props.children}
            <Icon name={active() ? (s().sort.order === 'asc' ? 'arrowUp' : 'arrowDown') : 'sort'} size={13} class="sort-icon" />
          </button>
        )}
      </Show>
    </th>
  );
}

/** The catalog list as a table of one kind of entity, sortable by column when given `sort`; `stale` dims it while the next page loads. */
export function CatalogTable(props: { items: Entity[]; kind: string; caption: string; sort?: TableSort; stale?: boolean }) {
  const show = {
    system: () => HAS_SYSTEM.has(props.kind),
    owner: () => !NO_OWNER.has(props.kind),
    type: () => !NO_TYPE.has(props.kind),
    lifecycle: () => HAS_LIFECYCLE.has(props.kind),
  };

  return (
    <div class="table-scroll">
      <table class="data-table catalog-table" classList={{ stale: props.stale }} onKeyDown={onTableKeyDown}>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <Header sort={props.sort} class="col-star">
              <span class="sr-only">Starred</span>
            </Header>
            <Header column="name" sort={props.sort}>
              Name
            </Header>
            <Show when={show.system()}>
              <Header column="system" sort={props.sort}>
                System
              </Header>
            </Show>
            <Show when={show.owner()}>
              <Header column="owner" sort={props.sort}>
                Owner
              </Header>
            </Show>
            <Show when={show.type()}>
              <Header column="type" sort={props.sort}>
                Type
              </Header>
            </Show>
            <Show when={show.lifecycle()}>
              <Header column="lifecycle" sort={props.sort}>
                Lifecycle
              </Header>
            </Show>
            <Header sort={props.sort} class="col-description">
              Description
            </Header>
            <Header sort={props.sort} class="col-tags">
              Tags
            </Header>
            <Header sort={props.sort} class="col-actions">
              <span class="sr-only">Actions</span>
            </Header>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(entity) => {
              const ref = getCompoundEntityRef(entity);
              const label = entity.metadata.title ?? entity.metadata.name;
              const systems = relationOrSpecRefs(entity, 'partOf', 'system', 'system');
              const owners = relationOrSpecRefs(entity, 'ownedBy', 'owner', 'group');
              return (
                <tr>
                  <td class="col-star">
                    <StarButton entityRef={ref} label={label} />
                  </td>
                  <th scope="row" class="col-name">
                    <A href={entityRoute(ref)} class="entity-name-link">
                      <Show when={ref.namespace.toLowerCase() !== DEFAULT_NAMESPACE}>
                        <span class="muted">{ref.namespace}/</span>
                      </Show>
                      {label}
                    </A>
                  </th>
                  <Show when={show.system()}>
                    <td>
                      <For each={systems} fallback={<NoValue />}>
                        {(system) => <EntityRefLink entityRef={system} defaultKind="system" />}
                      </For>
                    </td>
                  </Show>
                  <Show when={show.owner()}>
                    <td>
                      <For each={owners} fallback={<NoValue />}>
                        {(owner) => <EntityRefLink entityRef={owner} defaultKind="group" />}
                      </For>
                    </td>
                  </Show>
                  <Show when={show.type()}>
                    <td>{specString(entity, 'type') ?? <NoValue />}</td>
                  </Show>
                  <Show when={show.lifecycle()}>
                    <td>
                      <Show when={specString(entity, 'lifecycle')} fallback={<NoValue />}>
                        {(lifecycle) => <LifecycleBadge lifecycle={lifecycle()} />}
                      </Show>
                    </td>
                  </Show>
                  <td class="col-description">
                    <span class="clamp-2" title={entity.metadata.description}>
                      {entity.metadata.description ?? ''}
                    </span>
                  </td>
                  <td class="col-tags">
                    <TagList tags={entity.metadata.tags} max={3} />
                  </td>
                  <td class="col-actions">
                    <div class="row-actions">
                      <IconLink href={sourceLocation(entity)} icon="source" label={`View source of ${label}`} />
                      <IconLink
                        href={entity.metadata.annotations?.[ANNOTATION.editUrl]}
                        icon="edit"
                        label={`Edit ${label}`}
                      />
                    </div>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </div>
  );
}
