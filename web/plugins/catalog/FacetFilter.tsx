import { Checkbox } from '@kobalte/core/checkbox';
import { createSignal, For, Show } from 'solid-js';
import { Icon } from '../../components/Icon';
import { facetOptions, isSelected, toggleValue } from './catalogView';

/** How many values a facet lists before "Show all". */
const COLLAPSED = 6;
/** Above this many values the expanded list gets a box to narrow it. */
const NARROWABLE = 12;

/**
 * One facet of the catalog list as a labelled group of checkboxes with counts: the most common
 * values first, the selected ones always visible, the rest behind "Show all".
 */
export function FacetFilter(props: {
  id: string;
  label: string;
  counts: { value: string; count: number }[] | undefined;
  selected: string[];
  onChange: (values: string[]) => void;
  /** How a value is shown (e.g. an owner ref as its short name). */
  format?: (value: string) => string;
}) {
  const [expanded, setExpanded] = createSignal(false);
  const [narrow, setNarrow] = createSignal('');
  const options = () => facetOptions(props.counts, props.selected);
  const label = (value: string) => props.format?.(value) ?? value;
  const visible = () => {
    const all = options();
    if (expanded()) {
      const term = narrow().trim().toLowerCase();
      return term ? all.filter((o) => label(o.value).toLowerCase().includes(term) || isSelected(props.selected, o.value)) : all;
    }
    return all.filter((o, i) => i < COLLAPSED || isSelected(props.selected, o.value));
  };
  const legendId = () => `facet-${props.id}-legend`;

  return (
    <Show when={options().length}>
      <fieldset class="facet" aria-labelledby={legendId()}>
        <legend id={legendId()} class="facet-legend">
          {props.label}
          <Show when={props.selected.length}>
            <button type="button" class="facet-clear" onClick={() => props.onChange([])} aria-label={`Clear ${props.label} filter`}>
              Clear
            </button>
          </Show>
        </legend>
        <Show when={expanded() && options().length > NARROWABLE}>
          <input
            type="search"
            class="input facet-narrow"
            placeholder={`Find ${props.label.toLowerCase()}`}
            aria-label={`Find a ${props.label.toLowerCase()} value`}
            value={narrow()}
            onInput={(e) => setNarrow(e.currentTarget.value)}
          />
        </Show>
        <ul class="facet-values" classList={{ 'facet-values-scroll': expanded() }}>
          <For each={visible()}>
            {(option) => (
              <li>
                <Checkbox
                  class="facet-checkbox"
                  checked={isSelected(props.selected, option.value)}
                  onChange={(on: boolean) => props.onChange(toggleValue(props.selected, option.value, on))}
                >
                  <Checkbox.Input class="facet-checkbox-input" />
                  <Checkbox.Control class="facet-checkbox-control">
                    <Checkbox.Indicator>
                      <Icon name="check" size={12} />
                    </Checkbox.Indicator>
                  </Checkbox.Control>
                  <Checkbox.Label class="facet-checkbox-label" title={option.value}>
                    <span class="facet-value">{label(option.value)}</span>
                    <span class="facet-count">{option.count}</span>
                  </Checkbox.Label>
                </Checkbox>
              </li>
            )}
          </For>
        </ul>
        <Show when={options().length > COLLAPSED}>
          <button type="button" class="facet-more" aria-expanded={expanded()} onClick={() => setExpanded(!expanded())}>
            {expanded() ? 'Show fewer' : `Show all ${options().length}`}
          </button>
        </Show>
      </fieldset>
    </Show>
  );
}
