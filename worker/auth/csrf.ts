/**
 * Why a request must be refused as cross-site, or undefined when it may go on.
 *
 * Hono's `csrf()` only looks at form-like content types, but a page elsewhere can also make a
 * signed-in browser send JSON (or nothing) with `fetch(..., {credentials: 'include', mode:
 * 'no-cors'})`; so every state-changing request is checked, whatever its body. Browsers send
 * `Sec-Fetch-Site` and `Origin` on such requests and pages cannot forge either. A request with
 * neither is not from a browser (curl, CI, Backstage's clients), and is accepted unless it
 * relies on a session cookie — the one credential a browser attaches by itself.
 */
export function crossSiteReason(
  req: { method: string; origin?: string; secFetchSite?: string; url: string },
  withCookie: boolean,
): string | undefined {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return undefined;
  const own = new URL(req.url).origin;
  if (req.secFetchSite !== undefined) {
    // `none` is the user's own doing (typed URL, bookmark); anything else but same-origin is another site.
    if (req.secFetchSite === 'same-origin' || req.secFetchSite === 'none') return undefined;
    return `Cross-site request refused (Sec-Fetch-Site: ${req.secFetchSite})`;
  }
  if (req.origin !== undefined) {
    return req.origin === own ? undefined : `Cross-origin request refused (Origin: ${req.origin})`;
  }
  return withCookie ? 'A state-changing request with a session cookie must carry Origin or Sec-Fetch-Site' : undefined;
}
