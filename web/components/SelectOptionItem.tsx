import type { CollectionNode } from '@kobalte/core';
import { Select } from '@kobalte/core/select';
import { Show } from 'solid-js';
import { Icon } from './Icon';

/** One entry of a Kobalte dropdown list: check mark when picked, label, and `count` right-aligned when given. */
export function SelectOptionItem(props: { item: CollectionNode<{ label: string; count?: number }> }) {
  return (
    <Select.Item item={props.item} class="select-item">
      <Select.ItemIndicator class="select-item-indicator">
        <Icon name="check" />
      </Select.ItemIndicator>
      <Select.ItemLabel class="select-item-label">{props.item.rawValue.label}</Select.ItemLabel>
      <Show when={props.item.rawValue.count !== undefined}>
        <span class="select-item-count">{props.item.rawValue.count}</span>
      </Show>
    </Select.Item>
  );
}
