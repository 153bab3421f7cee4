import { A } from '@solidjs/router';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import type { EntityContentProps } from '../types';
import { refOf } from './graphModel';
import { RelationsGraph } from './RelationsGraph';

/** The entity page's Graph tab: the relations graph around this entity, with a link to the full-page view. */
export default function GraphTab(props: EntityContentProps) {
  const ref = () => refOf(props.entity);
  return (
    <Card
      title="Relations graph"
      actions={
        <A class="button button-ghost button-small" href={`/catalog-graph?rootEntityRefs[]=${encodeURIComponent(ref())}`}>
          <Icon name="view" />
          Open full page
        </A>
      }
    >
      <RelationsGraph roots={[ref()]} known={[props.entity]} />
    </Card>
  );
}
