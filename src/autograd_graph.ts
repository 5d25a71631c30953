// torch.autograd.graph.to_dot: the autograd graph behind a tensor as Graphviz
// DOT text, drawn the way torchviz's make_dot (v0.0.2, show_attrs off) draws
// it, so a picture of a wasmgrad graph looks like the picture of the same
// PyTorch graph: the tensor (green, with its size), one box per grad_fn named
// as PyTorch names it, AccumulateGrad nodes for the leaves that require grad
// and the leaves themselves (blue, with their parameter name and size), and
// with show_saved the tensors each node saved (orange, with the name PyTorch's
// node gives them and their size). Node ids are numbers in order of appearance (torchviz uses
// Python's id()), and torchviz's extra node for the base of a view is left out:
// wasmgrad does not track view bases.

import { Tensor } from './tensor.js';
import type { GradFn } from './grad_fn_node.js';
import { TypeError } from './errors.js';
import { pyType } from './args.js';
import type { Handle } from './device.js';

/** to_dot's keyword arguments. */
export interface ToDotOptions {
  /**
   * Names for the leaves, as torchviz's `params`: `model.named_parameters()`
   * or an object `{ w1, b1 }`. Unnamed leaves are drawn with their size only.
   */
  params?: Iterable<readonly [string, Tensor]> | Record<string, Tensor>;
  /** Also draw the tensors each node saved for its derivative, as torchviz's `show_saved=True`. */
  show_saved?: boolean;
}

/** The graphviz package's quoting: bare when the text is a DOT ID, else in double quotes. */
function quote(s: string): string {
  if (/^([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$/.test(s) &&
    !/^(node|edge|graph|digraph|subgraph|strict)$/i.test(s)) return s;
  return `"${s.replace(/(?<!\\)"/g, '\\"')}"`;
}

const sizeToStr = (shape: readonly number[]): string => `(${shape.join(', ')})`;

/**
 * The autograd graph that produced `tensor`, as Graphviz DOT text in
 * torchviz's layout (render it with `dot -Tsvg`, or any DOT viewer).
 * wasmgrad's addition to `torch.autograd.graph`; the node names are PyTorch's.
 * @example
 * const w1 = torch.tensor([2.0], { requires_grad: true });
 * const loss = w1.mul(1.3).sigmoid();
 * const dot = torch.autograd.graph.to_dot(loss, { params: { w1 } });
 * console.log(dot.split('\n').filter((l) => l.includes('Backward')).map((l) => l.trim())); // [ '1 [label=SigmoidBackward0]', '2 [label=MulBackward0]' ]
 */
export function to_dot(tensor: Tensor, options: ToDotOptions = {}): string {
  if (!(tensor instanceof Tensor)) throw new TypeError(`to_dot(): argument 'tensor' (position 1) must be Tensor, not ${pyType(tensor)}`);
  const params = options.params ?? [];
  const entries = Symbol.iterator in params ? [...(params as Iterable<readonly [string, Tensor]>)] : Object.entries(params);
  // torchviz asserts that every param is a tensor
  const bad = entries.find(([, t]) => !(t instanceof Tensor));
  if (bad) throw new TypeError(`to_dot(): params must map names to Tensors, but '${String(bad[0])}' is ${pyType(bad[1])}`);
  const names = new Map<Handle, string>(entries.map(([name, t]) => [t.h, name]));

  const ids = new Map<unknown, number>();
  const id = (key: unknown): number => {
    let n = ids.get(key);
    if (n === undefined) ids.set(key, n = ids.size);
    return n;
  };
  const body: string[] = [];
  const node = (key: unknown, label: string, fill?: string): void => {
    body.push(`\t${id(key)} [label=${quote(label)}${fill ? ` fillcolor=${fill}` : ''}]`);
  };
  const edge = (from: unknown, to: unknown, undirected = false): void => {
    body.push(`\t${id(from)} -> ${id(to)}${undirected ? ' [dir=none]' : ''}`);
  };
  const varName = (h: Handle, shape: readonly number[]): string => `${names.get(h) ?? ''}\n ${sizeToStr(shape)}`;

  const seen = new Set<GradFn>();
  const addNodes = (fn: GradFn): void => {
    if (seen.has(fn)) return;
    seen.add(fn);
    if (options.show_saved) {
      for (const { name, shape, key } of fn._saved()) {
        edge(fn, key, true);
        node(key, `${name}\n ${sizeToStr(shape)}`, 'orange');
      }
    }
    if (fn._leaf !== null) {
      node(fn._leaf, varName(fn._leaf, fn._leafShape()), 'lightblue');
      edge(fn._leaf, fn);
    }
    node(fn, fn._type);
    for (const [u] of fn.next_functions) {
      if (u === null) continue;
      edge(u, fn);
      addNodes(u);
    }
  };

  node(tensor, varName(tensor.h, tensor.shape), 'darkolivegreen1');
  const root = tensor.grad_fn;
  if (root) {
    addNodes(root);
    edge(root, tensor);
  }
  // torchviz's resize_graph: 0.15 inch per line of the body, at least 12
  const size = Math.max(12, body.length * 0.15);
  return [
    'digraph {',
    `\tgraph [size=${quote(`${size},${size}`)}]`,
    '\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]',
    ...body,
    '}',
    '',
  ].join('\n');
}
export { saved_tensors_hooks } from './saved_tensors_hooks.js'; // helper autograd
