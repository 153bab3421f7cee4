import { For, Suspense } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { LoadingState } from '../../components/LoadingState';
import { entityCardsFor } from '../index';
import type { EntityContentProps } from '../types';

/** The first tab of every entity: the cards all plugins contribute, in registry order. */
export default function OverviewTab(props: EntityContentProps) {
  return (
    <Suspense fallback={<LoadingState label="Loading overview" />}>
      <div class="card-grid">
        <For each={entityCardsFor(props.entity)}>
          {(card) => (
            <div class="card-slot" classList={{ 'card-slot-full': card.size === 'full' }}>
              <Dynamic component={card.component} entity={props.entity} />
            </div>
          )}
        </For>
      </div>
    </Suspense>
  );
}
