import { useLocation } from '@solidjs/router';
import { For } from 'solid-js';
import type { NavItem } from '../plugins/types';
import { Icon } from './Icon';

function defaultIsActive(href: string, pathname: string): boolean {
  const path = href.split('?')[0] ?? href;
  return pathname === path || pathname.startsWith(`${path}/`);
}

/** The left navigation; on narrow screens it becomes a scrollable row under the header. */
export function SideNav(props: { items: readonly NavItem[] }) {
  const location = useLocation();
  const isActive = (item: NavItem) => {
    const query = new URLSearchParams(location.search);
    return item.isActive ? item.isActive(location.pathname, query) : defaultIsActive(item.href, location.pathname);
  };

  return (
    <nav class="sidenav" aria-label="Main">
      <ul>
        <For each={props.items}>
          {(item) => (
            <li>
              {/* A plain anchor: the router still handles the click, but does not impose its own aria-current. */}
              <a href={item.href} class="nav-link" aria-current={isActive(item) ? 'page' : undefined}>
                <Icon name={item.icon} size={18} />
                <span>{item.label}</span>
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
