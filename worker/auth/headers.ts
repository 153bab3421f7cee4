import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every API response. JSON needs no sources at all, so the CSP denies
 * everything; pages a route renders itself (the GitHub App setup) keep their own CSP, since
 * `overwrite: false` leaves headers a handler set. The SPA's headers are in web/public/_headers.
 */
export const apiSecurityHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  overwrite: false,
});
