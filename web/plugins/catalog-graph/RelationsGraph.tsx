import { A, useNavigate } from '@solidjs/router';
import { createMemo, createResource, createSignal, createUniqueId, For, Show } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import type { Entity } from '../../api/types';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LoadingState } from '../../components/LoadingState';
import { entityRoute, getCompoundEntityRef } from '../../lib/entityRef';
import { kindLabel } from '../../lib/kinds';
import { settledValue } from '../../lib/resource';
import { RELATION_LABELS } from '../../lib/entity';
import { buildGraph, normaliseRef, RELATION_PAIRS, refOf, type GraphNode } from './graphModel';
import { boxExit, layoutGraph, type PlacedNode } from './layout';
import { loadNeighbourhood } from './loadNeighbourhood';
import './catalog-graph.css';

/** Only what drawing needs travels: relations for the next hop, names and titles for labels. */
const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.type', 'relations'];

const DEFAULT_PAIRS = RELATION_PAIRS.map((p) => p.id);

/**
 * The entities around `roots`, drawn as a graph: depth and relation types chosen by the reader,
 * nodes linking to their pages, and the same edges as a list for keyboards and screen readers.
 */
export function RelationsGraph(props: {
  roots: string[];
  /** Entities already at hand (e.g. the one whose page this is), so they are not fetched again. */
  known?: Entity[];
  depth?: number;
  pairs?: string[];
  onChange?: (state: { depth: number; pairs: string[] }) => void;
}) {
  const navigate = useNavigate();
  const depthId = createUniqueId();
  const known = new Map<string, Entity | null>((props.known ?? []).map((e) => [refOf(e), e]));
  const [depth, setDepth] = createSignal(Math.min(Math.max(props.depth ?? 1, 1), 3));
  const [pairs, setPairs] = createSignal(new Set(props.pairs?.length ? props.pairs : DEFAULT_PAIRS));
  const roots = createMemo(() => props.roots.map(normaliseRef));

  const [graph, { refetch }] = createResource(
    () => ({ roots: roots(), depth: depth(), pairs: pairs() }),
    async (q) => {
      await loadNeighbourhood(q.roots, q.depth, q.pairs, known, (refs) => catalogApi.getEntitiesByRefs(refs, FIELDS));
      const { nodes, edges } = buildGraph(q.roots, q.depth, known, q.pairs);
      return { layout: layoutGraph(nodes, edges), edges };
    },
  );
  const current = () => settledValue(graph);

  const changed = () => props.onChange?.({ depth: depth(), pairs: [...pairs()] });
  const togglePair = (id: string, on: boolean) => {
    const next = new Set(pairs());
    if (on) next.add(id);
    else next.delete(id);
    setPairs(next);
    changed();
  };

  const open = (node: GraphNode) => {
    if (node.entity) navigate(entityRoute(getCompoundEntityRef(node.entity)));
  };
  // Labels show for the edges of the hovered or focused entity (the roots' when none is), so dense graphs stay legible.
  const [focused, setFocused] = createSignal<string>();
  const isActiveEdge = (edge: { from: string; to: string }) => {
    const ref = focused();
    return ref ? edge.from === ref || edge.to === ref : roots().includes(edge.from) || roots().includes(edge.to);
  };
  const nodeOf = (ref: string) => current()?.layout.nodes.find((n) => n.ref === ref);

  // Pan by dragging, zoom with the wheel: a viewBox transform, no library.
  const [view, setView] = createSignal<{ x: number; y: number; scale: number }>({ x: 0, y: 0, scale: 1 });
  let drag: { x: number; y: number } | undefined;
  const viewBox = () => {
    const box = current()?.layout.box;
    if (!box) return '0 0 100 100';
    const v = view();
    const width = box.width / v.scale;
    const height = box.height / v.scale;
    return `${box.x + v.x + (box.width - width) / 2} ${box.y + v.y + (box.height - height) / 2} ${width} ${height}`;
  };

  return (
    <div class="graph">
      <div class="graph-controls" role="group" aria-label="Graph options">
        <div class="field graph-depth">
          <label class="field-label" for={depthId}>
            Depth
          </label>
          <select
            id={depthId}
            class="input"
            value={String(depth())}
            onChange={(e) => {
              setDepth(Number(e.currentTarget.value));
              changed();
            }}
          >
            <For each={[1, 2, 3]}>{(d) => <option value={String(d)}>{d === 1 ? '1 hop' : `${d} hops`}</option>}</For>
          </select>
        </div>
        <fieldset class="graph-relations">
          <legend class="field-label">Relations</legend>
          <For each={RELATION_PAIRS}>
            {(pair) => (
              <label class="checkbox-row">
                <input type="checkbox" checked={pairs().has(pair.id)} onChange={(e) => togglePair(pair.id, e.currentTarget.checked)} />
                {pair.label}
              </label>
            )}
          </For>
        </fieldset>
        <button type="button" class="button button-small" onClick={() => setView({ x: 0, y: 0, scale: 1 })}>
          Reset view
        </button>
      </div>

      <Show when={graph.error && !graph.loading}>
        <ErrorPanel title="Could not load the related entities" error={graph.error} onRetry={refetch} />
      </Show>
      <Show when={current()} fallback={<Show when={!graph.error}><LoadingState label="Loading related entities" /></Show>}>
        {(g) => (
          <div class="graph-body" classList={{ stale: graph.loading }} aria-busy={graph.loading}>
            <svg
              class="graph-canvas"
              viewBox={viewBox()}
              style={{ 'aspect-ratio': `${Math.round(g().layout.box.width)} / ${Math.round(g().layout.box.height)}` }}
              role="group"
              aria-label={`Relations graph, ${g().layout.nodes.length} entities and ${g().edges.length} relations`}
              onWheel={(e) => {
                e.preventDefault();
                const factor = e.deltaY < 0 ? 1.15 : 1 / 1.15;
                setView((v) => ({ ...v, scale: Math.min(Math.max(v.scale * factor, 0.3), 4) }));
              }}
              onPointerDown={(e) => {
                if ((e.target as Element).closest('.graph-node')) return;
                drag = { x: e.clientX, y: e.clientY };
                e.currentTarget.setPointerCapture(e.pointerId);
              }}
              onPointerMove={(e) => {
                if (!drag) return;
                const rect = e.currentTarget.getBoundingClientRect();
                const box = g().layout.box;
                const unit = box.width / view().scale / rect.width;
                const dx = (e.clientX - drag.x) * unit;
                const dy = (e.clientY - drag.y) * unit;
                drag = { x: e.clientX, y: e.clientY };
                setView((v) => ({ ...v, x: v.x - dx, y: v.y - dy }));
              }}
              onPointerUp={() => (drag = undefined)}
            >
              <defs>
                <marker id="graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M0 0 10 5 0 10z" class="graph-arrow" />
                </marker>
              </defs>
              <For each={g().layout.edges}>
                {(edge) => {
                  const a = () => boxExit(edge.source, edge.target);
                  const b = () => boxExit(edge.target, edge.source);
                  return (
                    <g class="graph-edge" classList={{ 'graph-edge-active': isActiveEdge(edge), 'graph-edge-dim': !!focused() && !isActiveEdge(edge) }} aria-hidden="true">
                      <line x1={a().x} y1={a().y} x2={b().x} y2={b().y} marker-end="url(#graph-arrow)" />
                      <Show when={isActiveEdge(edge)}>
                        <text x={(a().x + b().x) / 2} y={(a().y + b().y) / 2 - 4} text-anchor="middle">
                          {RELATION_LABELS[edge.type] ?? edge.type}
                        </text>
                      </Show>
                    </g>
                  );
                }}
              </For>
              <For each={g().layout.nodes}>{(node) => <GraphNodeBox node={node} onOpen={open} onFocusChange={(on) => setFocused(on ? node.ref : undefined)} />}</For>
            </svg>
            <p class="graph-hint muted">Drag to pan, scroll to zoom, click an entity to open it.</p>
            <details class="graph-edge-list">
              <summary>Relations as a list ({g().edges.length})</summary>
              <Show when={g().edges.length} fallback={<p class="muted">No relations of the selected types.</p>}>
                <table class="data-table">
                  <caption class="sr-only">Relations shown in the graph</caption>
                  <thead>
                    <tr>
                      <th scope="col">From</th>
                      <th scope="col">Relation</th>
                      <th scope="col">To</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={g().edges}>
                      {(edge) => (
                        <tr>
                          <td>
                            <RefLink node={nodeOf(edge.from)} fallback={edge.from} />
                          </td>
                          <td>{RELATION_LABELS[edge.type] ?? edge.type}</td>
                          <td>
                            <RefLink node={nodeOf(edge.to)} fallback={edge.to} />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </details>
          </div>
        )}
      </Show>
    </div>
  );
}

/** A link to a node's entity page; plain text for refs the catalog does not hold. */
function RefLink(props: { node: GraphNode | undefined; fallback: string }) {
  return (
    <Show when={props.node?.entity} fallback={props.node?.title ?? props.fallback}>
      {(entity) => <A href={entityRoute(getCompoundEntityRef(entity()))}>{props.node?.title}</A>}
    </Show>
  );
}

/** One entity as a box; focusable and opened with Enter like a link, unless the catalog does not hold it. */
function GraphNodeBox(props: { node: PlacedNode; onOpen: (node: GraphNode) => void; onFocusChange: (on: boolean) => void }) {
  const n = () => props.node;
  const missing = () => !n().entity;
  return (
    <g
      class="graph-node"
      classList={{ 'graph-node-root': n().distance === 0, 'graph-node-missing': missing() }}
      transform={`translate(${n().x - n().width / 2} ${n().y - n().height / 2})`}
      role={missing() ? 'img' : 'link'}
      tabindex={missing() ? undefined : 0}
      aria-label={`${kindLabel(n().kind)} ${n().title}${missing() ? ' (not in the catalog)' : ''}`}
      data-ref={n().ref}
      onClick={() => props.onOpen(n())}
      onPointerEnter={() => props.onFocusChange(true)}
      onPointerLeave={() => props.onFocusChange(false)}
      onFocus={() => props.onFocusChange(true)}
      onBlur={() => props.onFocusChange(false)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          props.onOpen(n());
        }
      }}
    >
      <rect width={n().width} height={n().height} rx="8" />
      <text x="12" y="17" class="graph-node-kind">
        {kindLabel(n().kind)}
      </text>
      <text x="12" y="34" class="graph-node-title">
        {n().title.length > 34 ? `${n().title.slice(0, 33)}…` : n().title}
      </text>
    </g>
  );
}
