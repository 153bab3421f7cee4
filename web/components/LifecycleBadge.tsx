import { Show } from 'solid-js';
import { Badge } from './Badge';

const TONES: Record<string, 'accent' | 'warning' | 'muted'> = {
  production: 'accent',
  experimental: 'warning',
  deprecated: 'muted',
};

/** An entity's `spec.lifecycle`, coloured for the three values Backstage suggests. */
export function LifecycleBadge(props: { lifecycle: string | undefined }) {
  return (
    <Show when={props.lifecycle}>
      {(lifecycle) => <Badge tone={TONES[lifecycle().toLowerCase()] ?? 'neutral'}>{lifecycle()}</Badge>}
    </Show>
  );
}
