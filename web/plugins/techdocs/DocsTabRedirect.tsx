import { Navigate, useLocation, useParams } from '@solidjs/router';
import { normalizePagePath } from './docsPaths';
import { docsTabHref, readerHash } from './readerUrls';

/**
 * Backstage's URL of a page in an entity's Docs tab (`/catalog/:ns/:kind/:name/docs/<page>`),
 * so bookmarks from Backstage keep working: it becomes the tab's `?page=` form.
 */
export default function DocsTabRedirect() {
  const params = useParams<{ namespace: string; kind: string; name: string; first: string; rest?: string }>();
  const location = useLocation();
  const page = () => {
    const raw = [params.first, params.rest].filter(Boolean).join('/');
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // Keep the raw path: the reader shows "page not found" for it rather than failing here.
    }
    return normalizePagePath(location.pathname.endsWith('/') ? `${decoded}/` : decoded);
  };
  return (
    <Navigate
      href={docsTabHref({ namespace: params.namespace, kind: params.kind, name: params.name }, page(), readerHash(location.hash))}
    />
  );
}
