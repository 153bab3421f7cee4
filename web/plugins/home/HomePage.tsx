import { A, useNavigate } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import type { Entity } from '../../api/types';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon, type IconName } from '../../components/Icon';
import { StarButton } from '../../components/StarButton';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useDocumentTitle } from '../../lib/documentTitle';
import { getCompoundEntityRef } from '../../lib/entityRef';
import { kindPlural } from '../../lib/kinds';
import { relativeTime } from '../../lib/relativeTime';
import { settledValue } from '../../lib/resource';
import { loadStars, starredEntities, starsError, starsStatus } from '../../lib/stars';
import { session } from '../auth/session';
import { EntityList } from './EntityList';
import './home.css';

const FIELDS = ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title', 'metadata.description', 'spec.type'];
const OWNED_SHOWN = 8;
const STARRED_SHOWN = 12;
const RECENT_SHOWN = 8;
// Locations are plumbing: what changed lately means the software and the people.
const RECENT_FILTER = ['component', 'api', 'system', 'domain', 'resource', 'group', 'user', 'template'].map((k) => `kind=${k}`);

const QUICK_LINKS: { href: string; title: string; text: string; icon: IconName }[] = [
  { href: '/create', title: 'Create something new', text: 'Start a service, website or library from a template', icon: 'plus' },
  { href: '/catalog-import', title: 'Register a component', text: 'Add an existing repository to the catalog', icon: 'catalog' },
  { href: '/docs', title: 'Read the docs', text: 'Technical documentation of everything in the catalog', icon: 'book' },
  { href: '/catalog?kind=api', title: 'Browse APIs', text: 'Every API, its owner and its definition', icon: 'api' },
];

function greeting(hour: number): string {
  return hour < 5 ? 'Good evening' : hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
}

/** A titled section of the home page with an optional link at the right of its title. */
function HomeCard(props: { id: string; title: string; icon: IconName; link?: { href: string; label: string }; children: JSX.Element }) {
  return (
    <section class="card home-card" aria-labelledby={props.id}>
      <div class="card-header">
        <h2 id={props.id}>
          <Icon name={props.icon} />
          {props.title}
        </h2>
        <Show when={props.link}>{(link) => <A href={link().href} class="home-card-link">{link().label}</A>}</Show>
      </div>
      <div class="home-card-body">{props.children}</div>
    </section>
  );
}

/** The landing page: search, quick links, then one's starred and owned entities and the catalog's latest changes. */
export default function HomePage() {
  const navigate = useNavigate();
  const [term, setTerm] = createSignal('');
  const identity = () => {
    const me = session();
    return me?.signedIn ? me.identity : undefined;
  };
  useDocumentTitle(() => 'Home');

  const ownedFilter = createMemo(() => {
    const refs = identity()?.ownershipEntityRefs ?? [];
    return refs.length ? refs.map((r) => `relations.ownedBy=${r}`).join(',') : undefined;
  });
  const [owned, { refetch: refetchOwned }] = createResource(ownedFilter, async (filter) => {
    const [page, facets] = await Promise.all([
      catalogApi.queryEntities({ filter: [filter], fields: FIELDS, limit: OWNED_SHOWN, orderField: ['metadata.name,asc'] }),
      catalogApi.facets(['kind'], [filter]),
    ]);
    return { items: page.items, total: page.totalItems, kinds: facets.facets.kind ?? [] };
  });

  const starredRefs = createMemo(() => starredEntities().map((s) => s.entityRef).join('\n'));
  const [starred, { refetch: refetchStarred }] = createResource(
    () => (starsStatus() === 'ready' ? starredRefs() : undefined),
    async (refs) => {
      const list = refs ? refs.split('\n').slice(0, STARRED_SHOWN) : [];
      const items = list.length ? await catalogApi.getEntitiesByRefs(list, FIELDS) : [];
      return { items: items.filter((e): e is Entity => e !== null), missing: items.filter((e) => e === null).length };
    },
  );

  const [recent, { refetch: refetchRecent }] = createResource(() => catalogApi.recentlyChanged(RECENT_SHOWN, RECENT_FILTER, FIELDS));

  const search = (event: SubmitEvent) => {
    event.preventDefault();
    const query = term().trim();
    navigate(query ? `/search?query=${encodeURIComponent(query)}` : '/search');
  };

  return (
    <div class="page home-page">
      <div class="home-hero">
        <h1>
          {greeting(new Date().getHours())}
          <Show when={identity()?.displayName}>{(name) => `, ${name()}`}</Show>
        </h1>
        <form class="home-search" role="search" onSubmit={search}>
          <label for="home-search-input" class="sr-only">
            Search Greenroom
          </label>
          <Icon name="search" class="home-search-icon" size={18} />
          <input
            id="home-search-input"
            type="search"
            name="query"
            class="input home-search-input"
            placeholder="Search services, APIs, teams and docs"
            autocomplete="off"
            value={term()}
            onInput={(e) => setTerm(e.currentTarget.value)}
          />
          <button type="submit" class="button button-primary home-search-button">
            Search
          </button>
        </form>
      </div>

      <nav class="home-quick-links" aria-label="Quick links">
        <For each={QUICK_LINKS}>
          {(link) => (
            <A href={link.href} class="home-quick-link">
              <span class="home-quick-icon">
                <Icon name={link.icon} size={20} />
              </span>
              <span>
                <span class="home-quick-title">{link.title}</span>
                <span class="home-quick-text">{link.text}</span>
              </span>
            </A>
          )}
        </For>
      </nav>

      <div class="home-grid">
        <HomeCard id="home-starred" title="Starred" icon="star">
          <Switch fallback={<TableSkeleton rows={3} label="Loading your starred entities" />}>
            <Match when={starsStatus() === 'error'}>
              <ErrorPanel title="Could not load your stars" error={starsError()} onRetry={() => loadStars(true)} />
            </Match>
            <Match when={starred.error}>
              <ErrorPanel title="Could not load your starred entities" error={starred.error} onRetry={refetchStarred} />
            </Match>
            <Match when={settledValue(starred)}>
              {(current) => (
                <Show
                  when={current().items.length}
                  fallback={
                    <EmptyState title="Nothing starred yet">
                      <p>
                        Star what you use often, from the <A href="/catalog">catalog</A> or an entity page, to find it here.
                      </p>
                    </EmptyState>
                  }
                >
                  <EntityList
                    label="Starred entities"
                    items={current().items}
                    aside={(entity) => <StarButton entityRef={getCompoundEntityRef(entity)} label={entity.metadata.title ?? entity.metadata.name} />}
                  />
                  <Show when={starredEntities().length > STARRED_SHOWN}>
                    <p class="home-note">and {starredEntities().length - STARRED_SHOWN} more</p>
                  </Show>
                  <Show when={current().missing}>
                    <p class="home-note">{current().missing} starred entities are no longer in the catalog.</p>
                  </Show>
                </Show>
              )}
            </Match>
          </Switch>
        </HomeCard>

        <HomeCard
          id="home-owned"
          title="Owned by you"
          icon="user"
          {...(ownedFilter() ? { link: { href: `/catalog?owner=${encodeURIComponent(identity()!.ownershipEntityRefs.join(','))}`, label: 'See all' } } : {})}
        >
          <Switch fallback={<TableSkeleton rows={3} label="Loading what you own" />}>
            <Match when={!ownedFilter()}>
              <EmptyState title="You own nothing in the catalog">
                <p>Entities owned by you or your groups appear here.</p>
              </EmptyState>
            </Match>
            <Match when={owned.error}>
              <ErrorPanel title="Could not load what you own" error={owned.error} onRetry={refetchOwned} />
            </Match>
            <Match when={settledValue(owned)}>
              {(current) => (
                <Show
                  when={current().items.length}
                  fallback={
                    <EmptyState title="You own nothing in the catalog">
                      <p>Entities owned by you or your groups appear here.</p>
                    </EmptyState>
                  }
                >
                  <ul class="home-kind-counts" aria-label="Owned by kind">
                    <For each={current().kinds}>
                      {(k) => (
                        <li>
                          <A href={`/catalog?kind=${encodeURIComponent(k.value.toLowerCase())}&owner=${encodeURIComponent(identity()!.ownershipEntityRefs.join(','))}`}>
                            <strong>{k.count}</strong> {kindPlural(k.value)}
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                  <EntityList label="Owned by you" items={current().items} />
                </Show>
              )}
            </Match>
          </Switch>
        </HomeCard>

        <HomeCard id="home-recent" title="Recently changed" icon="clock" link={{ href: '/catalog', label: 'Browse' }}>
          <Switch fallback={<TableSkeleton rows={3} label="Loading recent changes" />}>
            <Match when={recent.error}>
              <ErrorPanel title="Could not load recent changes" error={recent.error} onRetry={refetchRecent} />
            </Match>
            <Match when={settledValue(recent)}>
              {(items) => (
                <Show when={items().length} fallback={<EmptyState title="The catalog is empty" />}>
                  <EntityList
                    label="Recently changed entities"
                    items={items().map((i) => i.entity)}
                    aside={(entity) => {
                      const at = items().find((i) => i.entity === entity)?.changedAt ?? '';
                      return (
                        <time class="home-time" datetime={at} title={at}>
                          {relativeTime(at)}
                        </time>
                      );
                    }}
                  />
                </Show>
              )}
            </Match>
          </Switch>
        </HomeCard>
      </div>
    </div>
  );
}
