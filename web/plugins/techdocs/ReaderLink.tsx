import type { JSX } from 'solid-js';

/**
 * A link between reader pages. Unlike the router's `<A>`, which marks every link to the same
 * path as current (all pages of the entity tab share one path and differ in `?page=`), the
 * caller says what is current. `noscroll` tells the router to leave scrolling to the reader.
 */
export function ReaderLink(props: { href: string; class: string; current?: 'page' | 'location'; onClick?: () => void; children: JSX.Element }) {
  return (
    <a href={props.href} class={props.class} aria-current={props.current} onClick={() => props.onClick?.()} {...{ noscroll: '' }}>
      {props.children}
    </a>
  );
}
