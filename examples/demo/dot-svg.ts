// Draws the DOT text of torch.autograd.graph.to_dot as SVG, with no Graphviz:
// it reads the node and edge statements to_dot writes, ranks the nodes by their
// longest path to the output (so a leaf sits just above the node that uses it,
// as dot places it), orders each rank by the mean position of its neighbours,
// and draws boxes joined by curves, top to bottom, in torchviz's colours. A
// saved tensor's edge (`dir=none`, from the node to what it saved) is drawn
// without an arrow, with the tensor above its node like an input.

export interface DotGraph {
  nodes: Map<string, { label: string; fill: string }>;
  /** [from, to, undirected] */
  edges: [string, string, boolean][];
}

// Graphviz's colour names, as torchviz uses them; grey is dot's default fill (style=filled)
const FILLS: Record<string, string> = { darkolivegreen1: '#caff70', lightblue: '#add8e6', orange: '#ffa500' };
const DEFAULT_FILL = '#d3d3d3';

/** The nodes and edges of to_dot's output (its subset of DOT: `id [label=... fillcolor=...]` and `a -> b`). */
export function parseDot(dot: string): DotGraph {
  const nodes: DotGraph['nodes'] = new Map();
  const edges: DotGraph['edges'] = [];
  const statement = /\t(\d+) (?:\[label=("(?:[^"\\]|\\.)*"|[^\s\]]+)(?: fillcolor=(\w+))?\]|-> (\d+)( \[dir=none\])?)/g;
  for (const m of dot.matchAll(statement)) {
    if (m[4] !== undefined) { edges.push([m[1], m[4], m[5] !== undefined]); continue; }
    const label = m[2].startsWith('"') ? m[2].slice(1, -1).replace(/\\"/g, '"') : m[2];
    nodes.set(m[1], { label, fill: FILLS[m[3] ?? ''] ?? DEFAULT_FILL });
  }
  return { nodes, edges };
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const CHAR = 6.6, LINE = 13, PAD_X = 8, PAD_Y = 5, GAP_X = 14, GAP_Y = 30;

/** SVG markup of the graph in `dot` (to_dot's output). */
export function dotToSvg(dot: string): string {
  const { nodes, edges } = parseDot(dot);
  const ids = [...nodes.keys()];
  const out = new Map(ids.map((id) => [id, [] as string[]]));
  const into = new Map(ids.map((id) => [id, [] as string[]]));
  const seenEdges = new Map<string, boolean>();
  for (const [from, to, undirected] of edges) {
    // laid out from the saved tensor to its node, like an input
    const [a, b] = undirected ? [to, from] : [from, to];
    if (seenEdges.has(`${a}>${b}`)) continue; // torchviz repeats an edge for an input used twice
    seenEdges.set(`${a}>${b}`, undirected);
    out.get(a)?.push(b);
    into.get(b)?.push(a);
  }

  // rank: longest path down to a sink (the output), so rank 0 is the bottom row
  const rank = new Map<string, number>();
  const rankOf = (id: string): number => {
    let r = rank.get(id);
    if (r === undefined) {
      rank.set(id, 0); // the graph is acyclic; this only guards a malformed input
      r = Math.max(-1, ...out.get(id)!.map(rankOf)) + 1;
      rank.set(id, r);
    }
    return r;
  };
  ids.forEach(rankOf);
  const top = Math.max(0, ...rank.values());
  const rows: string[][] = Array.from({ length: top + 1 }, () => []);
  for (const id of ids) rows[top - rank.get(id)!].push(id);

  // order each row by the mean position of its neighbours in the row before, then after
  const position = new Map<string, number>();
  const place = (row: string[]) => row.forEach((id, i) => position.set(id, i / Math.max(1, row.length - 1)));
  rows.forEach(place);
  const mean = (xs: string[]) => xs.length ? xs.reduce((s, x) => s + position.get(x)!, 0) / xs.length : NaN;
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? rows.slice(1) : rows.slice(0, -1).reverse();
    for (const row of order) {
      const key = new Map(row.map((id) => [id, mean(down ? into.get(id)! : out.get(id)!)]));
      row.sort((a, b) => (key.get(a)! || position.get(a)!) - (key.get(b)! || position.get(b)!));
      place(row);
    }
  }

  // sizes and coordinates
  const lines = (id: string) => nodes.get(id)!.label.split('\n').map((l) => l.trim()).filter((l, i, all) => l !== '' || all.length === 1);
  const size = new Map(ids.map((id) => {
    const ls = lines(id);
    return [id, { w: Math.max(...ls.map((l) => l.length)) * CHAR + 2 * PAD_X, h: ls.length * LINE + 2 * PAD_Y }];
  }));
  const rowWidth = (row: string[]) => row.reduce((s, id) => s + size.get(id)!.w, 0) + GAP_X * (row.length - 1);
  const width = Math.max(...rows.map(rowWidth)) + 2 * GAP_X;
  const xy = new Map<string, { x: number; y: number }>();
  let y = GAP_X;
  for (const row of rows) {
    let x = (width - rowWidth(row)) / 2;
    const h = Math.max(...row.map((id) => size.get(id)!.h));
    for (const id of row) {
      xy.set(id, { x, y: y + (h - size.get(id)!.h) / 2 });
      x += size.get(id)!.w + GAP_X;
    }
    y += h + GAP_Y;
  }
  const height = y - GAP_Y + GAP_X;

  const parts: string[] = [];
  for (const [key, undirected] of seenEdges) {
    const [a, b] = key.split('>');
    const p = xy.get(a)!, q = xy.get(b)!, sa = size.get(a)!, sb = size.get(b)!;
    const x1 = p.x + sa.w / 2, y1 = p.y + sa.h, x2 = q.x + sb.w / 2, y2 = q.y - 2;
    const my = (y1 + y2) / 2;
    parts.push(`<path d="M${x1.toFixed(1)},${y1.toFixed(1)} C${x1.toFixed(1)},${my.toFixed(1)} ${x2.toFixed(1)},${my.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}" fill="none" stroke="#555"${undirected ? ' stroke-dasharray="3 2"' : ' marker-end="url(#arrow)"'}/>`);
  }
  for (const id of ids) {
    const { x, y: top } = xy.get(id)!, { w, h } = size.get(id)!;
    const text = lines(id).map((l, i) =>
      `<text x="${(x + w / 2).toFixed(1)}" y="${(top + PAD_Y + LINE * (i + 0.8)).toFixed(1)}" text-anchor="middle">${escape(l)}</text>`);
    parts.push(`<g class="node" data-id="${id}"><rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${w.toFixed(1)}" height="${h}" rx="3" fill="${nodes.get(id)!.fill}" stroke="#333"/>${text.join('')}</g>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width.toFixed(0)} ${height.toFixed(0)}" width="${width.toFixed(0)}" height="${height.toFixed(0)}" font-family="monospace" font-size="11">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>' +
    `${parts.join('')}</svg>`;
}
