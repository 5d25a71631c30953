// torch.autograd.Function: an op with a backward of its own, as PyTorch's. apply() runs the
// forward under no_grad, then, when an input requires grad, records one node,
// `<Class>Backward`, over the tensor arguments, keeping what ctx.save_for_backward named (the
// node holds them: the version check and "backward through the graph a second time" apply as
// to any op). When a backward reaches the node the device's sweep calls out to this module
// (src/custom_backward.ts): the Function's backward runs once per node, its gradients are
// checked as PyTorch's engine checks them, and each goes to its input.
//
// A forward may return several tensors (an array): their node is recorded over them packed end to
// end, and each output is a piece of it whose own node hands its gradient to the packed one
// (Tensor.grad_fn shows the Function's node for every output, as PyTorch). ctx keeps at most four
// tensors (the record's saved slots). A forward that changed its input in place (ctx.mark_dirty)
// returns it: the node is recorded over a copy, and the device's in-place commit moves it onto
// the input, as an in-place op's record is (src/ops/inplace.ts); with several outputs, the
// input's piece node moves onto it.

import { Tensor } from './tensor.js';
import { RuntimeError, NotImplementedError, TypeError } from './errors.js';
import { no_grad, is_grad_enabled } from './autograd.js';
import { pushScope, popScope, inSweepGradMode } from './runtime.js';
import { sum } from './ops/reduce.js';
import { reshape, cat } from './ops/shape.js';
import { zeros } from './creation.js';
import { numelOf } from './shape.js';
import { isFloating } from './dtype.js';
import { DType } from '../abi/abi.js';
import { bumpVersionOf } from './alias.js';
import { setCustomBackward, registerCustom, customNode, type CustomNode } from './custom_backward.js';
import type { Backend, Handle, NodeRef } from './device.js';

/** The saved slots of a record (abi Rec.NSaved). */
const MAX_SAVED = 4;

/**
 * The context a Function's forward and backward share, PyTorch's `ctx`: what to save, which
 * inputs need a gradient, and any attribute the Function sets on it.
 * @example
 * class Square extends torch.autograd.Function {
 *   static forward(ctx: torch.autograd.FunctionCtx, x: torch.Tensor) { ctx.save_for_backward(x); return x.mul(x); }
 *   static backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor) { const [x] = ctx.saved_tensors; return g.mul(x).mul(2); }
 * }
 */
export class FunctionCtx {
  /** For each argument of apply(): whether it is a tensor that requires grad. */
  needs_input_grad: boolean[] = [];
  /** @internal */ _toSave: (Tensor | null)[] = [];
  /** @internal the saved tensors, during backward */ _saved: (Tensor | null)[] | null = null;
  /**
   * @internal what each argument of save_for_backward became: null, 'saved' (the node keeps it),
   * or, for an output of the Function, which of its packed outputs (0 for a single output): the
   * backward reads those from the node, so under create_graph they lead back through it
   */
  _slots: (null | 'saved' | number)[] = [];
  /** @internal */ _nonDifferentiable = new Set<Tensor>();
  /** @internal the inputs forward changed in place (mark_dirty) */ _dirty = new Set<Tensor>();
  /** @internal */ _materializeGrads = true;
  [attribute: string]: unknown;

  /**
   * Keeps tensors for the backward (inputs, outputs or intermediates; null for none), as
   * PyTorch's ctx.save_for_backward. At most four.
   * @example ctx.save_for_backward(input, weight)
   */
  save_for_backward(...tensors: (Tensor | null)[]): void {
    if (tensors.filter((t) => t !== null).length > MAX_SAVED) {
      throw new NotImplementedError(`wasmgrad: save_for_backward of more than ${MAX_SAVED} tensors is not supported yet`);
    }
    for (const t of tensors) {
      if (t !== null && !(t instanceof Tensor)) throw new TypeError('save_for_backward can only save variables, but argument 0 is of type ' + typeof t);
    }
    this._toSave = tensors;
  }

  /**
   * The tensors save_for_backward kept, in its order.
   * @example const [input, weight] = ctx.saved_tensors;
   */
  get saved_tensors(): (Tensor | null)[] { return this._saved ?? this._toSave; }

  /**
   * Marks outputs as not differentiable: a result marked gets no node (PyTorch's
   * ctx.mark_non_differentiable).
   * @example ctx.mark_non_differentiable(indices)
   */
  mark_non_differentiable(...outputs: Tensor[]): void { for (const t of outputs) this._nonDifferentiable.add(t); }

  /**
   * PyTorch's ctx.set_materialize_grads: with one output, backward always gets a tensor here.
   * @example ctx.set_materialize_grads(false)
   */
  set_materialize_grads(value: boolean): void { this._materializeGrads = value; }

  /**
   * Marks inputs that forward changed in place, as PyTorch's ctx.mark_dirty: forward must return
   * such an input, which then is the Function's output (the same Tensor), its history rebased on
   * the Function's node as an in-place op's is.
   * @example
   * class MulTwo_ extends torch.autograd.Function {
   *   static forward(ctx: torch.autograd.FunctionCtx, x: torch.Tensor) { ctx.mark_dirty(x); return x.mul_(2); }
   *   static backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor) { return g.mul(2); }
   * }
   */
  mark_dirty(...tensors: Tensor[]): void { for (const t of tensors) this._dirty.add(t); }
}

type Grads = Tensor | null | readonly (Tensor | null)[];

/** What this module keeps of a Function's node for its backward. */
interface FunctionNode extends CustomNode {
  readonly cls: typeof Function;
  readonly ctx: FunctionCtx;
  /** per argument of apply(): whether it was a tensor */
  readonly tensorArgs: readonly boolean[];
  /** the gradients computed for the inputs still to be asked for in this sweep, by input */
  pending: Map<number, Handle | null> | null;
  /** for a forward that returned an array: where each output's gradient sits in the node's */
  outputs?: Outputs;
}

/** A forward's array of outputs, as the packed node sees it. */
interface Outputs {
  /** how many items forward returned */
  readonly count: number;
  /** the differentiable ones: their place among the items and in the packed gradient, and their dtype */
  readonly packed: readonly { index: number; offset: number; shape: number[]; dtype: Tensor['dtype'] }[];
  /** the packed node's dtype: float64 when any differentiable output is (each piece converts to and from it) */
  readonly dtype: Tensor['dtype'];
  /** the other tensors (materialized as zeros for backward) */
  readonly others: readonly { index: number; shape: number[]; dtype: Tensor['dtype'] }[];
  /** the packed outputs whose gradient reached their piece in this sweep */
  readonly reached: Set<number>;
}

/** The node of one output of a Function with several: its gradient, padded, goes to the packed node. */
interface PieceNode extends CustomNode {
  readonly of: FunctionNode;
  /** which of the packed outputs */
  readonly piece: number;
  /** its position among the items forward returned (PyTorch's output_nr) */
  readonly output: number;
  readonly offset: number;
  readonly total: number;
}

let serials = 0;

/**
 * A custom differentiable op, PyTorch's torch.autograd.Function: subclass it with static
 * `forward(ctx, ...args)` and `backward(ctx, ...grad_outputs)` (one gradient per argument of
 * forward, null for none), and call it with `Cls.apply(...args)`.
 * @example
 * class Exp extends torch.autograd.Function {
 *   static forward(ctx: torch.autograd.FunctionCtx, x: torch.Tensor) { const y = x.exp(); ctx.save_for_backward(y); return y; }
 *   static backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor) { const [y] = ctx.saved_tensors; return g.mul(y!); }
 * }
 * const x = torch.tensor([0, 1], { requires_grad: true });
 * Exp.apply(x).sum().backward();
 * console.log(`${x.grad}`); // tensor([1.0000, 2.7183])
 */
export class Function {
  /**
   * The computation, under no_grad: tensors in, a tensor out, or an array of outputs (tensors,
   * and other values returned as they are).
   * @example static forward(ctx, x) { return x.mul(2); }
   */
  static forward(_ctx: FunctionCtx, ..._args: any[]): Tensor | readonly unknown[] {
    throw new NotImplementedError('You must implement the forward function for custom autograd.Function.');
  }

  /**
   * The gradients of forward's arguments given the gradient of its output.
   * @example static backward(ctx, g) { return g.mul(2); }
   */
  static backward(_ctx: FunctionCtx, ..._grad_outputs: (Tensor | null)[]): Grads {
    throw new NotImplementedError('You must implement either the backward or the vjp method for your custom autograd.Function to use it with backward mode AD.');
  }

  /**
   * Runs the Function: `Cls.apply(x, ...)`, and `const f = Cls.apply; f(x)` as in PyTorch.
   * @example const P3 = LegendrePolynomial3.apply; const y = P3(x);
   */
  static get apply(): (...args: any[]) => any {
    const cls = this;
    return (...args: unknown[]) => applyFunction(cls, args);
  }
}

function applyFunction(cls: typeof Function, args: unknown[]): Tensor | unknown[] {
  const ctx = new FunctionCtx();
  ctx.needs_input_grad = args.map((a) => a instanceof Tensor && a.requires_grad);
  const inputs = args.filter((a): a is Tensor => a instanceof Tensor);
  // the forward's own tensors go when it is recorded (the node copies the result and holds
  // what was saved); the result stays when it is not
  pushScope();
  let o: unknown;
  try {
    o = no_grad(() => cls.forward(ctx, ...args));
    if (!Array.isArray(o) && !(o instanceof Tensor)) throw new TypeError(`${cls.name}.forward must return a Tensor, not ${o === null ? 'None' : typeof o}`);
    checkDirty(ctx, Array.isArray(o) ? o : [o], is_grad_enabled() && ctx.needs_input_grad.some(Boolean));
  } catch (e) {
    popScope(new Set());
    throw e;
  }
  if (Array.isArray(o)) return applyOutputs(cls, ctx, args, inputs, o);
  const out = o as Tensor;
  const recording = is_grad_enabled() && ctx.needs_input_grad.some(Boolean);
  if (!(recording && !ctx._nonDifferentiable.has(out))) {
    popScope(new Set([out]));
    // PyTorch bumps a dirty tensor's version once more when it wraps the outputs, recorded or not
    if (ctx._dirty.has(out)) bumpVersionOf(out);
    return out;
  }
  const dev = out._dev;
  let h: Handle;
  try {
    // an input changed in place is saved as it is (the node's output moves onto it)
    h = recordNode(cls, ctx, args, inputs, out, undefined, ctx._dirty.has(out) ? [] : [out]).h;
  } finally {
    popScope(new Set());
  }
  if (!ctx._dirty.has(out)) return new Tensor(dev, h, out._shape.slice(), out._dtype);
  // the input changed in place takes the node over, as after an in-place op
  try {
    dev.inplaceCommit(out.h, h);
  } finally {
    dev.release(h);
  }
  return out;
}

/** Records the Function's node over its tensor inputs, with out's values as its result: the result's handle, and the node's note. */
function recordNode(cls: typeof Function, ctx: FunctionCtx, args: unknown[], inputs: Tensor[], out: Tensor, outputs: Outputs | undefined, results: readonly Tensor[]): { h: Handle; note: FunctionNode } {
  const dev = out._dev, serial = ++serials;
  const slots = ctx._toSave.map((t) => (t === null ? null : results.includes(t) ? results.indexOf(t) : 'saved'));
  const saved = ctx._toSave.filter((t, k): t is Tensor => slots[k] === 'saved');
  for (const t of [...inputs, ...saved]) {
    if (t._dev !== dev) throw new RuntimeError(`Expected all tensors to be on the same device, but found at least two devices, ${dev.name} and ${t._dev.name}!`);
  }
  const h = dev.customRecord(out.h, inputs.map((t) => t.h), saved.map((t) => t.h), serial, slots.some((k) => typeof k === 'number'));
  ctx._slots = slots;
  ctx._toSave = [];
  const note: FunctionNode = {
    // a built-in op composed as a Function names its node as PyTorch's (src/ops/linalg_factor.ts)
    name: (cls as { nodeName?: string }).nodeName ?? `${cls.name}Backward`, ref: refOf(dev, h), cls, ctx, tensorArgs: args.map((a) => a instanceof Tensor), pending: null, outputs,
  };
  registerCustom(dev, serial, note);
  return { h, note };
}

/** How a note holds the node of h's record (weakly on the js device, whose records are garbage collected). */
function refOf(dev: Backend, h: Handle): number | WeakRef<object> {
  const node = dev.gradFnNode(h)!;
  return typeof node === 'number' ? node : new WeakRef(node);
}

/**
 * apply() for a forward that returned an array: one node over the differentiable outputs packed
 * end to end, and a piece node per output over it. Other items (non-float tensors, those marked
 * non-differentiable, numbers) are returned as forward made them.
 */
function applyOutputs(cls: typeof Function, ctx: FunctionCtx, args: unknown[], inputs: Tensor[], items: unknown[]): unknown[] {
  const tensors = items.filter((t): t is Tensor => t instanceof Tensor);
  const differentiable = (t: unknown): boolean => t instanceof Tensor && isFloating(t._dtype) && !ctx._nonDifferentiable.has(t);
  const diff = tensors.filter(differentiable);
  if (!(is_grad_enabled() && ctx.needs_input_grad.some(Boolean)) || !diff.length) {
    popScope(new Set(tensors));
    for (const t of ctx._dirty) bumpVersionOf(t);
    return items.slice();
  }
  const result = items.slice(), made: [number, Handle, Tensor][] = [];
  const [first] = diff, dev = first._dev;
  try {
    if (diff.some((t) => t._dev !== first._dev)) {
      throw new NotImplementedError('wasmgrad: a torch.autograd.Function whose differentiable outputs differ in device is not supported yet');
    }
    // outputs of different dtypes pack in the widest: float32 values and gradients go through float64 exactly
    const wide = diff.find((t) => t._dtype === DType.Float64) ?? first;
    let total = 0;
    const packed = items.flatMap((t, index) => {
      if (!differentiable(t)) return [];
      const at = { index, offset: total, shape: (t as Tensor)._shape.slice(), dtype: (t as Tensor).dtype };
      total += (t as Tensor).numel();
      return [at];
    });
    const others = items.flatMap((t, index) => (t instanceof Tensor && !differentiable(t) ? [{ index, shape: t._shape.slice(), dtype: t.dtype }] : []));
    const outputs: Outputs = { count: items.length, packed, others, dtype: wide.dtype, reached: new Set() };
    const all = no_grad(() => cat(diff.map((t) => reshape(t, [-1]).to(wide.dtype))));
    // a saved output, an input changed in place too, is read back from the node's packed copy
    const { h, note } = recordNode(cls, ctx, args, inputs, all, outputs, packed.map(({ index }) => items[index] as Tensor));
    const node = new Tensor(dev, h, [total], wide._dtype); // goes with the scope: the pieces' records hold it
    packed.forEach(({ index, offset }, piece) => {
      const t = items[index] as Tensor, serial = ++serials;
      const hp = dev.customRecord(t.h, [node.h], [], serial, false);
      made.push([index, hp, t]);
      registerCustom(dev, serial, { name: note.name, ref: refOf(dev, hp), of: note, piece, output: index, offset, total } as PieceNode);
    });
  } catch (e) {
    for (const [, hp] of made) dev.release(hp);
    popScope(new Set());
    throw e;
  }
  popScope(new Set(tensors.filter((t) => !differentiable(t))));
  for (const [index, hp, t] of made) {
    if (!ctx._dirty.has(t)) {
      result[index] = new Tensor(dev, hp, t._shape.slice(), t._dtype);
      continue;
    }
    // the input changed in place takes its piece's node over, as after an in-place op
    try {
      dev.inplaceCommit(t.h, hp);
    } finally {
      dev.release(hp);
    }
  }
  for (const t of tensors) if (ctx._dirty.has(t) && !differentiable(t)) bumpVersionOf(t);
  return result;
}

/** PyTorch's checks of the inputs marked dirty: each returned, and none a leaf that requires grad when recording. */
function checkDirty(ctx: FunctionCtx, outputs: readonly unknown[], recording: boolean): void {
  for (const t of ctx._dirty) {
    if (!outputs.includes(t)) {
      throw new RuntimeError('Some elements marked as dirty during the forward method were not returned as output. ' +
        'The inputs that are modified inplace must all be outputs of the Function.');
    }
    if (recording && t.requires_grad && t.grad_fn === null) {
      throw new RuntimeError('a leaf Variable that requires grad has been used in an in-place operation.');
    }
  }
}

/** g summed to `shape` where g broadcasts from it (PyTorch's validate_outputs), or null when it cannot. */
function reduceTo(g: Tensor, shape: readonly number[]): Tensor | null {
  const gs = g._shape, lead = gs.length - shape.length;
  if (lead < 0 || shape.some((s, d) => s !== gs[lead + d] && s !== 1)) return null;
  const dims = gs.map((_, d) => d).filter((d) => d < lead || (shape[d - lead] === 1 && gs[d] !== 1));
  return dims.length ? reshape(sum(g, dims, true), [...shape]) : reshape(g, [...shape]);
}

/** The Function's gradients for its tensor inputs, checked and shaped as PyTorch's engine does. */
function runBackward(n: FunctionNode, dev: Backend, node: NodeRef, g: Handle): Map<number, Handle | null> {
  // in the sweep's mode: under create_graph the backward's ops record, so it is differentiable again
  return inSweepGradMode(dev, () => {
    // every tensor made here goes at the end; the gradients' handles get a reference of their own first
    pushScope();
    try {
      dev.retain(g);
      const gt = new Tensor(dev, g, dev.shapeOf(g), dev.dtypeOf(g));
      const kept = dev.nodeSaved(node).map((h) => new Tensor(dev, h, dev.shapeOf(h), dev.dtypeOf(h)));
      const slots = n.ctx._slots;
      const own = slots.some((k) => typeof k === 'number') ? resultOf(dev, node) : null;
      // a saved output: the node's result (for several outputs, its piece of it, which under
      // create_graph without materialized gradients notes when a gradient comes back through it)
      const outputOf = (k: number): Tensor => (n.outputs ? reaching(n, k, pieceOf(own!, n.outputs.packed[k])) : own!);
      n.ctx._saved = slots.map((k) => (k === null ? null : k === 'saved' ? kept.shift()! : outputOf(k)));
      let out: Grads;
      try { out = n.outputs ? n.cls.backward(n.ctx, ...gradOutputs(n.outputs, n.ctx, gt)) : n.cls.backward(n.ctx, gt); } finally { n.ctx._saved = null; }
      const list = Array.isArray(out) ? out as (Tensor | null)[] : [out as Tensor | null];
      if (list.length !== n.tensorArgs.length) {
        throw new RuntimeError(`function ${n.name} returned an incorrect number of gradients (expected ${n.tensorArgs.length}, got ${list.length})`);
      }
      const shapes = dev.nodeInputs(node).map((i) => i.shape);
      const result: (Tensor | null)[] = [];
      list.forEach((t, i) => {
        if (!n.tensorArgs[i]) {
          if (t !== null && t !== undefined) {
            throw new RuntimeError(`function ${n.name} returned a gradient different than None at position ${i + 1}, but the corresponding forward input was not a Variable`);
          }
          return;
        }
        const k = result.length, shape = shapes[k];
        if (t === null || t === undefined) { result.push(null); return; }
        const same = t._shape.length === shape.length && t._shape.every((s, d) => s === shape[d]);
        const fitted = same ? t : reduceTo(t, shape);
        if (!fitted) {
          throw new RuntimeError(`Function ${n.name} returned an invalid gradient at index ${k} - got [${t._shape.join(', ')}] but expected shape compatible with [${shape.join(', ')}]`);
        }
        result.push(fitted);
      });
      // only the inputs that need a gradient are asked for: the others' are dropped with the scope
      const needs = n.ctx.needs_input_grad.filter((_, i) => n.tensorArgs[i]);
      return new Map(result.flatMap((t, k) => {
        if (!needs[k]) return [];
        if (t) dev.retain(t.h);
        return [[k, t ? t.h : null]] as [number, Handle | null][];
      }));
    } finally {
      popScope(new Set());
    }
  });
}

/**
 * Passes a gradient through unchanged, noting that it reached the packed output `piece` of
 * node `of`: a saved output read by a backward under create_graph leads back to the packed node
 * directly, not through the output's piece node, and with ctx.set_materialize_grads(false) the
 * next order's backward must still get that output's gradient (PyTorch's saved output is the
 * output itself). Its node shows the Function's name, as PyTorch's saved output's grad_fn does.
 */
class ReachesPiece extends Function {
  static override forward(ctx: FunctionCtx, t: Tensor, of: FunctionNode, piece: number): Tensor {
    ctx.of = of;
    ctx.piece = piece;
    return t.clone();
  }
  static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
    (ctx.of as FunctionNode).outputs!.reached.add(ctx.piece as number);
    return [g, null, null];
  }
}

function reaching(n: FunctionNode, piece: number, t: Tensor): Tensor {
  if (n.ctx._materializeGrads || !(is_grad_enabled() && t.requires_grad)) return t;
  const named = class extends ReachesPiece { static nodeName = n.name; };
  return named.apply(t, n, piece) as Tensor;
}

/** The node's output, as its backward reads it (src/device.ts nodeResult). */
function resultOf(dev: Backend, node: NodeRef): Tensor {
  const h = dev.nodeResult(node);
  return new Tensor(dev, h, dev.shapeOf(h), dev.dtypeOf(h));
}

/** One output's part of a tensor laid out as the packed outputs (the node's result, or its gradient). */
const pieceOf = (packed: Tensor, { offset, shape, dtype }: Outputs['packed'][number]): Tensor =>
  reshape(packed.narrow(0, offset, numelOf(shape)), shape).to(dtype);

/**
 * One gradient per item forward returned, from the packed node's gradient g: an output whose
 * gradient reached it gets its part of g; one that none reached, and the other tensors, get
 * zeros, or null when ctx.set_materialize_grads(false) (PyTorch's engine).
 */
function gradOutputs(o: Outputs, ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
  const grads = new Array<Tensor | null>(o.count).fill(null);
  o.packed.forEach((at, piece) => {
    if (ctx._materializeGrads || o.reached.has(piece)) grads[at.index] = pieceOf(g, at);
  });
  o.reached.clear();
  if (ctx._materializeGrads) for (const { index, shape, dtype } of o.others) grads[index] = zeros(shape, { dtype, device: g.device });
  return grads;
}

/** An output's gradient, placed at its piece of the packed node's (zeros elsewhere): a new handle. */
function pieceGradient(p: PieceNode, dev: Backend, g: Handle): Handle {
  p.of.outputs!.reached.add(p.piece);
  return inSweepGradMode(dev, () => {
    pushScope();
    try {
      dev.retain(g);
      const gt = reshape(new Tensor(dev, g, dev.shapeOf(g), dev.dtypeOf(g)), [-1]).to(p.of.outputs!.dtype);
      const after = p.total - p.offset - gt.numel();
      const pad = (n: number): Tensor[] => (n ? [zeros([n], { dtype: gt.dtype, device: gt.device })] : []);
      const placed = cat([...pad(p.offset), gt, ...pad(after)]);
      dev.retain(placed.h);
      return placed.h;
    } finally {
      popScope(new Set());
    }
  });
}

setCustomBackward((dev, node, g, k) => {
  const n = customNode<FunctionNode | PieceNode>(dev, node);
  if (!n) throw new RuntimeError('wasmgrad: internal error: the torch.autograd.Function of this node is gone');
  if ('of' in n) return pieceGradient(n, dev, g);
  // the sweep asks for each input that needs a gradient, in order: the first one runs the
  // Function's backward (what a failed sweep left pending goes then)
  const first = n.ctx.needs_input_grad.filter((_, i) => n.tensorArgs[i]).indexOf(true);
  if (k === first || !n.pending) {
    for (const h of n.pending?.values() ?? []) if (h !== null) dev.release(h);
    n.pending = runBackward(n, dev, node, g);
  }
  const h = n.pending.get(k) ?? null;
  n.pending.delete(k);
  if (!n.pending.size) n.pending = null;
  return h;
});

