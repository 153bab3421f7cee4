import type { StepStatus, TaskStatus } from '../../api/scaffolderApi';
import { Icon, type IconName } from '../../components/Icon';

const LOOK: Record<StepStatus | TaskStatus, { label: string; icon: IconName; tone: string }> = {
  open: { label: 'Waiting', icon: 'circle', tone: 'muted' },
  processing: { label: 'Running', icon: 'refresh', tone: 'running' },
  completed: { label: 'Completed', icon: 'check', tone: 'ok' },
  failed: { label: 'Failed', icon: 'error', tone: 'failed' },
  skipped: { label: 'Skipped', icon: 'skip', tone: 'muted' },
  cancelled: { label: 'Cancelled', icon: 'stop', tone: 'muted' },
};

/** The status of a task or step as an icon and a word, coloured by outcome (never by colour alone). */
export function StatusBadge(props: { status: StepStatus | TaskStatus; compact?: boolean }) {
  const look = () => LOOK[props.status] ?? LOOK.open;
  return (
    <span class={`sc-status sc-status-${look().tone}`} classList={{ 'sc-status-compact': props.compact }}>
      <Icon name={look().icon} size={14} class={props.status === 'processing' ? 'sc-spin' : undefined} />
      <span class={props.compact ? 'sr-only' : undefined}>{look().label}</span>
    </span>
  );
}
