import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { entityRoute, humanizeEntityRef, type CompoundEntityRef } from '../lib/entityRef';

/** A link to an entity's page, labelled with its short ref; `showKind` adds the kind as a prefix chip. */
export function EntityRefLink(props: { entityRef: CompoundEntityRef; defaultKind?: string; showKind?: boolean }) {
  return (
    <A href={entityRoute(props.entityRef)} class="entity-ref">
      <Show when={props.showKind}>
        <span class="entity-ref-kind">{props.entityRef.kind.toLowerCase()}</span>
      </Show>
      <span>
        {humanizeEntityRef(props.entityRef, { defaultKind: props.showKind ? props.entityRef.kind : props.defaultKind })}
      </span>
    </A>
  );
}
