import { A } from '@solidjs/router';

/** The product mark and name, linking home. */
export function BrandLogo() {
  return (
    <A href="/" class="brand" aria-label="Greenroom home">
      <svg class="brand-mark" width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="var(--brand)" />
        <path
          d="M22.5 11.2A8 8 0 1 0 24 16h-7.5"
          fill="none"
          stroke="var(--brand-contrast)"
          stroke-width="3.2"
          stroke-linecap="round"
        />
      </svg>
      <span class="brand-name">Greenroom</span>
    </A>
  );
}
