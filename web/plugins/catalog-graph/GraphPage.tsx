import { useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { EntityRefLink } from '../../components/EntityRefLink';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle } from '../../lib/documentTitle';
import { parseEntityRef } from '../../lib/entityRef';
import { RELATION_PAIRS } from './graphModel';
import { RelationsGraph } from './RelationsGraph';
import { RootPicker } from './RootPicker';

type Params = { 'rootEntityRefs[]'?: string | string[]; maxDepth?: string; 'selectedRelations[]'?: string | string[] };

const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** `/catalog-graph?rootEntityRefs[]=…&maxDepth=…&selectedRelations[]=…`, Backstage's URL for the graph. */
export default function GraphPage() {
  const [params, setParams] = useSearchParams<Params>();
  const roots = () => list(params['rootEntityRefs[]']).filter((r) => parseEntityRef(r) !== undefined);
  useDocumentTitle(() => 'Catalog graph');
  // Backstage names relation types; the graph selects them in pairs.
  const pairs = () => {
    const types = list(params['selectedRelations[]']);
    return RELATION_PAIRS.filter((p) => types.includes(p.forward) || types.includes(p.reverse)).map((p) => p.id);
  };

  return (
    <div class="page">
      <PageHeader title="Catalog graph" description="How entities relate: ownership, systems, APIs and dependencies." />
      <Show
        when={roots().length}
        fallback={<RootPicker />}
      >
        <p class="graph-roots">
          Around{' '}
          <For each={roots()}>{(ref) => <EntityRefLink entityRef={parseEntityRef(ref)!} showKind />}</For>
        </p>
        <Show when={roots().join('\n')} keyed>
          <RelationsGraph
            roots={roots()}
            depth={Number(params.maxDepth) || 1}
            pairs={pairs()}
            onChange={(state) =>
              setParams(
                {
                  maxDepth: String(state.depth),
                  'selectedRelations[]': RELATION_PAIRS.filter((p) => state.pairs.includes(p.id)).flatMap((p) => [p.forward, p.reverse]),
                },
                { replace: true },
              )
            }
          />
        </Show>
      </Show>
    </div>
  );
}
