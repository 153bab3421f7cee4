import { Suspense, type JSX } from 'solid-js';
import type { NavItem } from '../plugins/types';
import { BrandLogo } from './BrandLogo';
import { LoadingState } from './LoadingState';
import { SideNav } from './SideNav';

/** The frame of every page: skip link, header (with `account` on the right), `banner`, left navigation and the main landmark. */
export function AppShell(props: { nav: readonly NavItem[]; account?: JSX.Element; banner?: JSX.Element; children?: JSX.Element }) {
  let main: HTMLElement | undefined;

  // A plain `#main` link would be taken over by the router, so focus the landmark directly.
  const skipToMain = (event: MouseEvent) => {
    event.preventDefault();
    main?.focus();
  };

  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header class="topbar">
        <BrandLogo />
        <div class="topbar-end">{props.account}</div>
      </header>
      <SideNav items={props.nav} />
      <main id="main" class="main" tabindex="-1" ref={main}>
        {props.banner}
        <Suspense fallback={<LoadingState label="Loading page" />}>{props.children}</Suspense>
      </main>
    </div>
  );
}
