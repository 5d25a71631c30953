// In-place ops: x.add_(y), x.mul_(2), w.grad.zero_(), x.copy_(y). Each computes
// its result out of place with the ordinary op (which records it when autograd
// needs it), checks that the result fits x as PyTorch's in-place kernels do,
// and hands it to the device's inplaceCommit: x's values become the result's,
// x's version counter goes up, and the op's node becomes x's grad_fn. A
// backward that needs x's old values then refuses with PyTorch's "modified by
// an inplace operation" error (the devices check the versions they saved).
//
// wasmgrad's views are copies (issue 7 makes them alias), so writing through a
// view does not reach its base yet.

import { DType } from '../../abi/abi.js';
import { RuntimeError, NotImplementedError } from '../errors.js';
import { sameShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { DTYPES, isFloating } from '../dtype.js';
import { castTensor } from '../cast.js';
import { is_grad_enabled } from '../autograd.js';

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
    self._dev.inplaceCommit(self.h, c.h);
  } finally {
    if (c !== r) c.dispose();
    r.dispose();
  }
  return self;
}

/**
 * fill_, zero_ and copy_ replace every value: PyTorch records that (ZeroBackward0,
 * CopyBackwards) when autograd is on; wasmgrad refuses there rather than leave the old
 * history in place, and writes freely under no_grad or when nothing requires grad.
 */
export function checkOverwrite(self: Tensor, name: string, src?: Tensor): void {
  checkLeaf(self);
  if (is_grad_enabled() && (self.requires_grad || src?.requires_grad)) {
    throw new NotImplementedError(`wasmgrad: ${name} of a tensor that requires grad is not supported yet outside no_grad`);
  }
}
