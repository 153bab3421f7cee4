import { For } from 'solid-js';
import { Icon } from '../../components/Icon';

/**
 * The wizard's progress: one entry per page plus Review. Pages already passed can be revisited
 * with a click; the current one is marked for screen readers with `aria-current="step"`.
 */
export function Stepper(props: { titles: string[]; active: number; reachable: (index: number) => boolean; onSelect: (index: number) => void }) {
  return (
    <nav aria-label="Form steps">
      <ol class="sc-stepper">
        <For each={props.titles}>
          {(title, i) => (
            <li
              class="sc-stepper-item"
              classList={{ 'sc-stepper-done': i() < props.active, 'sc-stepper-active': i() === props.active }}
            >
              <button
                type="button"
                class="sc-stepper-button"
                aria-current={i() === props.active ? 'step' : undefined}
                disabled={i() !== props.active && !props.reachable(i())}
                onClick={() => props.onSelect(i())}
              >
                <span class="sc-stepper-number" aria-hidden="true">
                  {i() < props.active ? <Icon name="check" size={14} /> : i() + 1}
                </span>
                <span class="sc-stepper-title">{title}</span>
                <span class="sr-only">{i() < props.active ? ' (done)' : ''}</span>
              </button>
            </li>
          )}
        </For>
      </ol>
    </nav>
  );
}
