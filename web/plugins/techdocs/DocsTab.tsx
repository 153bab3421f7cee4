import { useLocation, useSearchParams } from '@solidjs/router';
import { getCompoundEntityRef } from '../../lib/entityRef';
import type { EntityContentProps } from '../types';
import { DocsReader } from './DocsReader';
import { normalizePagePath } from './docsPaths';
import { docsTabHref, readerHash } from './readerUrls';

/**
 * The Docs tab of an entity page. The entity page's URL has one segment for the tab, so the
 * page of the site travels in `?page=` (the standalone reader at /docs/… uses Backstage's path form).
 */
export default function DocsTab(props: EntityContentProps) {
  const [search] = useSearchParams<{ page?: string }>();
  const location = useLocation();
  const ref = () => getCompoundEntityRef(props.entity);
  return (
    <DocsReader
      entity={props.entity}
      pagePath={normalizePagePath(typeof search.page === 'string' ? search.page : '')}
      hash={readerHash(location.hash)}
      pageHref={(path, hash) => docsTabHref(ref(), path, hash)}
      crumbs={[]}
      crumbsLabel="Docs breadcrumb"
    />
  );
}
