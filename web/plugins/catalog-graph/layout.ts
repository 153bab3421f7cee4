import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import type { GraphEdge, GraphNode } from './graphModel';

/** A node with its place and box size. */
export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The graph placed on a plane, with the bounding box of everything in it. */
export interface Layout {
  nodes: PlacedNode[];
  edges: (GraphEdge & { source: PlacedNode; target: PlacedNode })[];
  box: { x: number; y: number; width: number; height: number };
}

const NODE_HEIGHT = 44;
const CHAR_WIDTH = 7.2;
const PADDING = 40;

/** The width a node needs for its title and kind line, within sensible bounds. */
function nodeWidth(node: Pick<GraphNode, 'title' | 'kind'>): number {
  const chars = Math.max(node.title.length, node.kind.length + 2);
  return Math.min(Math.max(chars * CHAR_WIDTH + 28, 96), 260);
}

type SimNode = GraphNode & SimulationNodeDatum & { width: number };

/**
 * Places the graph with a force simulation run to rest up front (no animation), so the result is
 * the same on every render: roots pinned in the middle, neighbours pushed apart by their box size.
 */
export function layoutGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Layout {
  const sim: SimNode[] = nodes.map((n, i) => {
    // A deterministic start on a spiral keeps layouts stable between runs.
    const angle = i * 2.399963;
    const radius = 30 * Math.sqrt(i);
    return { ...n, width: nodeWidth(n), x: radius * Math.cos(angle), y: radius * Math.sin(angle), ...(n.distance === 0 && i === 0 ? { fx: 0, fy: 0 } : {}) };
  });
  const byRef = new Map(sim.map((n) => [n.ref, n]));
  const links = edges.filter((e) => byRef.has(e.from) && byRef.has(e.to)).map((e) => ({ source: e.from, target: e.to }));
  const simulation = forceSimulation<SimNode>(sim)
    .force('link', forceLink<SimNode, { source: string; target: string }>(links).id((n) => n.ref).distance(130).strength(0.6))
    .force('charge', forceManyBody<SimNode>().strength(-520))
    .force('collide', forceCollide<SimNode>().radius((n) => n.width / 2 + 12))
    .force('x', forceX<SimNode>(0).strength(0.04))
    .force('y', forceY<SimNode>(0).strength(0.06))
    .stop();
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  simulation.tick(ticks);

  const placed: PlacedNode[] = sim.map((n) => ({ ...n, x: n.x ?? 0, y: n.y ?? 0, width: n.width, height: NODE_HEIGHT }));
  const placedByRef = new Map(placed.map((n) => [n.ref, n]));
  const xs = placed.flatMap((n) => [n.x - n.width / 2, n.x + n.width / 2]);
  const ys = placed.flatMap((n) => [n.y - n.height / 2, n.y + n.height / 2]);
  const minX = Math.min(...xs, 0) - PADDING;
  const minY = Math.min(...ys, 0) - PADDING;
  return {
    nodes: placed,
    edges: edges.flatMap((e) => {
      const source = placedByRef.get(e.from);
      const target = placedByRef.get(e.to);
      return source && target ? [{ ...e, source, target }] : [];
    }),
    box: { x: minX, y: minY, width: Math.max(...xs, 0) + PADDING - minX, height: Math.max(...ys, 0) + PADDING - minY },
  };
}

/** Where the segment from the centre of `a` towards `b` leaves `a`'s box, so arrows stop at the border. */
export function boxExit(a: PlacedNode, b: PlacedNode): { x: number; y: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return { x: a.x, y: a.y };
  const scale = Math.min(dx ? a.width / 2 / Math.abs(dx) : Infinity, dy ? a.height / 2 / Math.abs(dy) : Infinity);
  return { x: a.x + dx * scale, y: a.y + dy * scale };
}
