// In-place ops: x.add_(y), x.mul_(2), w.grad.zero_(), x.copy_(y). Each computes
// its result out of place with the ordinary op (which records it when autograd
// needs it), checks that the result fits x as PyTorch's in-place kernels do,
// and hands it to the device's inplaceCommit: x's values become the result's,
// x's version counter goes up, and the op's node becomes x's grad_fn. A
// backward that needs x's old values then refuses with PyTorch's "modified by
// an inplace operation" error (the devices check the versions they saved).
//
// An in-place op on a view writes the result into the view's base (src/alias.ts,
// PyTorch's CopySlices); x[...] = v is x.index_put_([...], v) (indexing.ts).

import { DType, Op } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError } from '../errors.js';
import { full_like } from '../creation.js';
import { viewAs, expand } from './shape.js';
import { putFlat } from './gather_scatter.js';
import { sameShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { DTYPES, isFloating } from '../dtype.js';
import { castTensor } from '../cast.js';
import { is_grad_enabled } from '../autograd.js';
import { checkViewWrite, writeThrough, noteBaseWrite } from '../alias.js';

/** PyTorch's can_cast: no float into an integer type, nothing but bool into bool. */
function canCast(from: DType, to: DType): boolean {
  if (isFloating(from) && !isFloating(to)) return false;
  return to !== DType.Bool || from === DType.Bool;
}

/** PyTorch's refusal of an in-place op on a leaf that requires grad (outside no_grad). */
export function checkLeaf(self: Tensor): void {
  if (is_grad_enabled() && self.requires_grad && self.is_leaf) {
    throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
  }
}

/**
 * Runs `compute` (the out-of-place op on self) and writes its result into self.
 * `noDerivative` names an op whose in-place form PyTorch cannot differentiate: PyTorch
 * raises when the backward reaches it, wasmgrad as soon as it would be recorded.
 * @internal
 */
export function inplace(self: Tensor, compute: () => Tensor, noDerivative?: string): Tensor {
  const r = compute();
  let c = r;
  try {
    checkLeaf(self);
    if (self._view) checkViewWrite(self);
    if (noDerivative && r.requires_grad) {
      throw new NotImplementedError(`the derivative for 'inplace version of ${noDerivative}' is not implemented.`);
    }
    if (!sameShape(r._shape, self._shape)) {
      throw new RuntimeError(`output with shape [${self._shape.join(', ')}] doesn't match the broadcast shape [${r._shape.join(', ')}]`);
    }
    if (r._dtype !== self._dtype) {
      if (!canCast(r._dtype, self._dtype)) {
        throw new RuntimeError(`result type ${DTYPES[r._dtype]._scalarType} can't be cast to the desired output type ${DTYPES[self._dtype]._scalarType}`);
      }
      c = castTensor(r, self._dtype);
    }
    if (self._view) {
      keepOriginalSelf(self, r);
      writeThrough(self, c);
    } else {
      self._dev.inplaceCommit(self.h, c.h);
      noteBaseWrite(self);
    }
  } finally {
    if (c !== r) c.dispose();
    r.dispose();
  }
  return self;
}

/**
 * What the device's in-place commit does for a tensor that is not a view, for a view: a
 * derivative that reads its self input (hardtanh_'s, clamp_'s, pow_'s: saved slot 0) gets a
 * recorded clone of the view's old values, PyTorch's original_self, since the write through the
 * view moves the view's version on and the saved view itself would make the backward refuse.
 */
function keepOriginalSelf(view: Tensor, r: Tensor): void {
  const dev = r._dev, node = dev.gradFnNode(r.h);
  if (node === null || dev.savedShape(node, 0) === null) return;
  const saved = dev.nodeSaved(node);
  try {
    if (saved[0] !== view._h) return;
    const old = view.clone();
    try { dev.unpackedSaved(node, 0, old.h); } finally { old.dispose(); }
  } finally {
    for (const h of saved) dev.release(h);
  }
}

/**
 * An in-place comparison or logical op (eq_, logical_and_, ...): its result has no gradient.
 * PyTorch records a node with zero gradients for eq_ and friends on a tensor that requires grad
 * (and none at all for logical_and_); wasmgrad refuses that case rather than guess.
 * @internal
 */
export function inplaceNoGrad(self: Tensor, name: string, compute: () => Tensor): Tensor {
  if (is_grad_enabled() && self.requires_grad) {
    throw new NotImplementedError(`wasmgrad: ${name}_ on a tensor that requires grad is not supported yet`);
  }
  return inplace(self, compute);
}

/** Every value of self replaced by `value` (fill_, zero_): recorded as PyTorch does when self requires grad (its old values get no gradient). */
export function fillInto(self: Tensor, value: number, op: Op.Fill | Op.Zero): Tensor {
  if (!(is_grad_enabled() && self.requires_grad)) return inplace(self, () => full_like(self, value));
  return inplace(self, () => {
    const out = viewAs(op, self, self._shape);
    out._dev.write(out.h, new Float64Array(out.numel()).fill(value));
    return out;
  });
}

/**
 * self's values replaced by src's, broadcast and converted to self's dtype (copy_). When either
 * requires grad this records CopyBackwards: src gets the gradient (summed over the broadcast,
 * converted back to its dtype), self's old values none.
 */
export function copyInto(self: Tensor, src: Tensor): Tensor {
  if (src._dev !== self._dev) {
    // another device's values, moved first: ToCopyBackward0 when recorded, so src still gets its gradient
    const moved = src.to(self.device);
    try {
      return copyInto(self, moved);
    } finally {
      moved.dispose();
    }
  }
  const record = is_grad_enabled() && (self.requires_grad || src.requires_grad);
  return inplace(self, () => {
    const temps = new Set<Tensor>();
    const temp = (t: Tensor): Tensor => { if (t !== src) temps.add(t); return t; };
    try {
      // the values only, unless recorded
      const cast = temp(castTensor(temp(record ? src : src.detach()), self._dtype, record));
      const full = sameShape(cast._shape, self._shape) ? cast : temp(expand(cast, self._shape));
      if (!record) { temps.delete(full); return full; }
      return putFlat(Op.SetWhole, self, full, Int32Array.from({ length: full.numel() }, (_, i) => i), false);
    } finally {
      for (const t of temps) t.dispose();
    }
  });
}

/**
 * F.elu(x, inplace=True), F.elu_(x) and the other in-place activations: `compute` (the kernel whose
 * node PyTorch's in-place form records) written into x. PyTorch refuses the backward of
 * leaky_relu_ with a negative slope, which its result cannot invert; wasmgrad as soon as it
 * would be recorded.
 * @internal
 */
export function inplaceActivation(x: Tensor, compute: () => Tensor, op: Op, c: number): Tensor {
  // the out-of-place forms compute an integer input in float; PyTorch's in-place kernels refuse it
  const kernel = op === Op.LeakyReluResult ? 'leaky_relu' : op === Op.EluResult || op === Op.SeluResult || op === Op.CeluResult ? 'elu' : null;
  if (kernel && x instanceof Tensor && !isFloating(x._dtype)) throw new RuntimeError(`"${kernel}_cpu" not implemented for '${DTYPES[x._dtype]._scalarType}'`);
  if (op === Op.LeakyReluResult && c < 0 && is_grad_enabled() && x.requires_grad) {
    throw new RuntimeError('In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope');
  }
  return inplace(x, compute);
}
