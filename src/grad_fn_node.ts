// grad_fn objects: PyTorch's autograd nodes, read from a device's tape records.
//
// A record stores the inputs the op took (device.ts NodeInput); PyTorch's
// next_functions lists the op's differentiable arguments, which differ from
// them for a few ops (PyTorch 1.13's grad_fn.next_functions, checked against
// test/fixtures/graphs.json):
//
//   op                 record inputs      next_functions
//   x (op) number      (x)                (x, None)          the number is a wrapped tensor
//   F.linear (addmm)   (x, w, bias)       (bias, x, wᵀ)      wᵀ is a TBackward0 node over w
//   nll_loss           (input, target)    (input)            the class indices are not differentiable
//   conv without bias  (x, w)             (x, w, None)
//   layer/batch_norm   (x, weight?, bias?) (x, weight, bias)  None for one not given (the record's i1 says which)
//   matrix_power(A, 0) (A)                (A, None)          CopyBackwards: the identity copied in
//   t.to(other device) (proxy leaf)       (t's node)         src/crossing.ts: the proxy stands for t
//
// Every node reached from one tensor's grad_fn holds that tensor: it keeps the
// records alive (each record holds its producers and leaves), so reading them
// is safe until the tensor is disposed, and reading after that raises.

import { Op } from '../abi/abi.js';
import type { Backend, Handle, NodeRef } from './device.js';
import { gradFnNames } from './grad_fn.generated.js';
import { nodeName } from './node_name.js';
import { Tensor } from './tensor.js';
import { crossedFrom } from './crossing.js';
import { savedTensors } from './saved_tensors.js';
import { functionOutput } from './custom_backward.js';

/**
 * One entry of next_functions: the node an input's gradient goes to, and which of its outputs (0 here, but 1 for
 * linalg.svdvals's node: PyTorch's S is output 1 of LinalgSvdBackward0, after U).
 */
export type NextFunction = [GradFn | null, number];

/** @internal A tensor a node saves: its name, shape, and an identity (one tensor saved twice has one key). */
export interface SavedTensor { name: string; shape: number[]; key: unknown }

// autograd's own C++ nodes (not generated from derivatives.yaml) carry their namespace in name()
const CPP_NODES = new Set(['NotImplemented', 'CopySlices', 'CopyBackwards']);
const WRAPPED_SCALAR = new Set([Op.AddScalar, Op.SubScalar, Op.MulScalar, Op.DivScalar]);

/** @internal The nodes reached from one tensor: one GradFn per record and per leaf, so a node met twice is one object. */
export class Graph {
  // keys cannot collide across devices: wasm's are numbers, js's objects
  private readonly records = new Map<NodeRef, GradFn>();
  private readonly leaves = new Map<Handle, GradFn>();
  constructor(readonly root: Tensor) {}
  /** Raises when the tensor that keeps the records alive was disposed. */
  check(): void { void this.root.h; }
  record(dev: Backend, r: NodeRef): GradFn {
    // each output of a Function with several has a node of its own; PyTorch shows the Function's
    const output = functionOutput(dev, r);
    if (output) return this.record(dev, output.node);
    let fn = this.records.get(r);
    if (!fn) this.records.set(r, fn = new GradFn(this, dev, dev.nodeOp(r), r, null));
    return fn;
  }
  /** The node a leaf input leads to: its AccumulateGrad, or for the proxy of a `.to()`, the source's node. */
  leaf(dev: Backend, leaf: Handle): GradFn {
    const source = crossedFrom(dev, leaf);
    if (source) {
      const r = source._dev.gradFnNode(source._h);
      if (r !== null) return this.record(source._dev, r);
      return this.leaf(source._dev, source._h);
    }
    let fn = this.leaves.get(leaf);
    if (!fn) this.leaves.set(leaf, fn = new GradFn(this, dev, 'AccumulateGrad', null, leaf));
    return fn;
  }
}

type Kind = Op | 'AccumulateGrad' | 'TBackward0';

/**
 * A node of the autograd graph, as `t.grad_fn` shows it: PyTorch's name, and
 * `next_functions` leading to the nodes of the inputs, down to the
 * `AccumulateGrad` nodes of the leaves.
 */
export class GradFn {
  private _next: readonly NextFunction[] | null = null;
  /** @internal stands for the tensor this node made, where a later node saves it */
  readonly _out = {};
  /** @internal made by Tensor.grad_fn and by next_functions */
  constructor(
    private readonly _graph: Graph,
    private readonly _dev: Backend,
    private readonly _kind: Kind,
    private readonly _record: NodeRef | null,
    /** @internal AccumulateGrad's leaf, a handle its consumer records hold */
    readonly _leaf: Handle | null,
    private readonly _of: NextFunction | null = null,
  ) {}

  /** @internal the grad_fn of `t`, or null for a leaf */
  static _of(t: Tensor): GradFn | null {
    const r = t._dev.gradFnNode(t.h);
    return r === null ? null : new Graph(t).record(t._dev, r);
  }

  /** @internal the class name PyTorch gives the node (`type(fn).__name__`, what torchviz prints) */
  get _type(): string {
    return typeof this._kind === 'string' ? this._kind : nodeName(this._dev, this._kind, this._record!);
  }

  /**
   * PyTorch's node name.
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(w.add(1).grad_fn?.name()); // AddBackward0
   */
  name(): string {
    // PyTorch's C++ nodes outside the generated ones carry their namespace
    return this._kind === 'AccumulateGrad' || CPP_NODES.has(this._type) ? `torch::autograd::${this._type}` : this._type;
  }

  /**
   * The nodes the gradient flows on to, one `[node, input_nr]` pair per
   * differentiable argument of the op, as PyTorch lists them: `null` for an
   * argument that needs no gradient, an `AccumulateGrad` node for a leaf that
   * requires grad. A node met twice is the same object.
   * @example
   * const w = torch.tensor([2.0], { requires_grad: true });
   * const [[mul]] = w.mul(1.3).add(0.5).grad_fn.next_functions;
   * console.log(`${mul}`, mul.next_functions.map(([f, i]) => `${f}, ${i}`)); // <MulBackward0 object> [ '<AccumulateGrad object>, 0', 'null, 0' ]
   */
  get next_functions(): readonly NextFunction[] {
    if (this._next) return this._next;
    const g = this._graph;
    g.check();
    if (this._kind === 'AccumulateGrad') return (this._next = Object.freeze([]));
    if (this._kind === 'TBackward0') return (this._next = Object.freeze([this._of!]));
    const dev = this._dev;
    const entries: NextFunction[] = dev.nodeInputs(this._record!).map(({ producer, leaf }) => {
      const node = producer !== null ? g.record(dev, producer) : leaf !== null ? g.leaf(dev, leaf) : null;
      const output = producer !== null ? functionOutput(dev, producer)?.output : undefined;
      return [node, output ?? (node?._kind === Op.LinalgSvd ? 1 : 0)];
    });
    return (this._next = Object.freeze(pytorchArguments(this._kind, entries, g, dev, this._record!)));
  }

  /**
   * The leaf tensor whose `.grad` an `AccumulateGrad` node fills; undefined on
   * other nodes. A new Tensor object over the same storage as the leaf.
   * @example
   * const w = torch.tensor([2.0], { requires_grad: true });
   * const [[acc]] = w.mul(3).grad_fn.next_functions;
   * console.log(acc.variable.shape); // [ 1 ]
   */
  get variable(): Tensor | undefined {
    if (this._leaf === null) return undefined;
    this._graph.check();
    const dev = this._dev;
    dev.retain(this._leaf);
    return new Tensor(dev, this._leaf, dev.shapeOf(this._leaf), dev.dtypeOf(this._leaf));
  }

  /**
   * @internal The tensors PyTorch's node saves (src/saved_tensors.ts). PyTorch saves an input as
   * the tensor itself: a leaf is then the variable its AccumulateGrad draws, and an intermediate is
   * one tensor wherever it is saved. A saved result, and an input that needs no gradient, are keyed
   * apart (PyTorch rebuilds a saved result on each read; a constant input is met only here).
   */
  _saved(): SavedTensor[] {
    if (typeof this._kind !== 'number') return [];
    this._graph.check();
    const dev = this._dev, r = this._record!;
    const inputs = dev.nodeInputs(r);
    const needs = (k: number): boolean => k < inputs.length && (inputs[k].producer !== null || inputs[k].leaf !== null);
    const ints = dev.nodeInts(r);
    return savedTensors(this._kind, needs, ints, (k) => dev.savedShape(r, k) !== null).map(([name, source]): SavedTensor => {
      if (typeof source === 'number') {
        const { producer, leaf, shape } = inputs[source];
        return { name, shape, key: producer !== null ? this._graph.record(dev, producer)._out : leaf ?? {} };
      }
      if (source === 'mat2') {
        const [rows, cols] = inputs[1].shape;
        return { name, shape: [cols, rows], key: this.next_functions[2][0]?._out ?? {} };
      }
      if (source === 'condition') return { name, shape: dev.savedShape(r, 0) ?? dev.nodeShape(r), key: {} };
      if (typeof source === 'object') {
        const node = { out: dev.nodeShape(r), inputs: inputs.map((i) => i.shape), saved: (k: number) => dev.savedShape(r, k), ints };
        return { name, shape: source.shape(node), key: {} };
      }
      if (source === 'saved1') return { name, shape: dev.savedShape(r, 1) ?? dev.nodeShape(r), key: {} }; // a target that is no input (soft_margin_loss, multi_margin_loss)
      return { name, shape: source === 'scalar' ? [] : dev.nodeShape(r), key: {} };
    });
  }

  /** @internal the leaf's shape, read without making a Tensor */
  _leafShape(): number[] {
    this._graph.check();
    return this._dev.shapeOf(this._leaf!);
  }

  /**
   * Python's repr of the node.
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(`${w.mul(2).grad_fn}`); // <MulBackward0 object>
   */
  toString(): string { return `<${this._type} object>`; }
  /**
   * How console.log and util.inspect show the node: Python's repr, without its address.
   * @example
   * const w = torch.tensor([1.0], { requires_grad: true });
   * console.log(w.add(1).grad_fn); // <AddBackward0 object>
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

/** PyTorch's next_functions from the record's inputs (the table at the top of this file). */
function pytorchArguments(op: Op, entries: NextFunction[], g: Graph, dev: Backend, r: NodeRef): NextFunction[] {
  if (WRAPPED_SCALAR.has(op)) return [...entries, [null, 0]];
  // CopyBackwards (matrix_power(A, 0) copies the identity into a clone of A) lists what it copied, a constant
  if (op === Op.Convolution && entries.length === 2 || op === Op.CopyBackwards) return [...entries, [null, 0]];
  if (op === Op.LayerNorm || op === Op.BatchNorm || op === Op.GroupNorm) {
    // (input, weight?, bias?) as PyTorch's three arguments, None where not given (i1 bits 1, 2)
    const given = dev.nodeInts(r)[1], [input, ...rest] = entries;
    return [input, ...[1, 2].map((bit): NextFunction => (given & bit ? rest.shift()! : [null, 0]))];
  }
  if (op === Op.NllLoss) return entries.slice(0, 1);
  if (op === Op.Addmm && entries.length === 3) {
    const [x, w, bias] = entries;
    const wt: NextFunction = w[0] ? [new GradFn(g, dev, 'TBackward0', null, null, w), 0] : [null, 0];
    return [bias, x, wt];
  }
  return entries;
}

