import { A } from '@solidjs/router';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { useDocumentTitle } from '../lib/documentTitle';

/** Shown for any path no plugin claims. */
export default function NotFoundPage() {
  useDocumentTitle(() => 'Page not found');
  return (
    <div class="page">
      <PageHeader title="Page not found" />
      <div class="card">
        <EmptyState title="There is nothing at this address.">
          <A href="/catalog" class="button">
            Go to the catalog
          </A>
        </EmptyState>
      </div>
    </div>
  );
}
