import { Tabs } from '@kobalte/core/tabs';
import { useNavigate } from '@solidjs/router';
import { createMemo, For, Suspense } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { Entity } from '../../api/types';
import { LoadingState } from '../../components/LoadingState';
import { entityTabsFor } from '../index';

/** The entity's tabs from every plugin; the selected one lives in the URL (`…/name/<tab>`). */
export function EntityTabs(props: { entity: Entity; activeTab?: string; baseHref: string }) {
  const navigate = useNavigate();
  const tabs = createMemo(() => entityTabsFor(props.entity));
  const firstId = () => tabs()[0]?.id ?? '';
  // An unknown tab in the URL (e.g. from another kind) shows the first one rather than nothing.
  const active = () => (tabs().some((t) => t.id === props.activeTab) ? props.activeTab ?? firstId() : firstId());

  const select = (id: string) => {
    if (id === active()) return;
    // Replace, so arrowing through the tabs does not fill the history.
    navigate(id === firstId() ? props.baseHref : `${props.baseHref}/${encodeURIComponent(id)}`, {
      replace: true,
      scroll: false,
    });
  };

  return (
    <Tabs value={active()} onChange={select} class="tabs">
      <Tabs.List class="tab-list" aria-label="Entity sections">
        <For each={tabs()}>
          {(tab) => (
            <Tabs.Trigger value={tab.id} class="tab-trigger">
              {tab.title}
            </Tabs.Trigger>
          )}
        </For>
        <Tabs.Indicator class="tab-indicator" />
      </Tabs.List>
      <For each={tabs()}>
        {(tab) => (
          <Tabs.Content value={tab.id} class="tab-panel">
            <Suspense fallback={<LoadingState label={`Loading ${tab.title}`} />}>
              <Dynamic component={tab.component} entity={props.entity} />
            </Suspense>
          </Tabs.Content>
        )}
      </For>
    </Tabs>
  );
}
