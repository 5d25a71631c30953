// PyTorch's NotImplemented node (Op.NoDerivative). The margin losses, ctc_loss and embedding_bag
// compute their gradients with kernels PyTorch itself cannot differentiate again: under create_graph
// their gradient carries this node, and a later backward that reaches it raises PyTorch's
// "derivative for aten::multi_margin_loss_backward is not implemented" (src/errors.ts names them by i0).

import { Op, Err, NoDerivativeOf } from '../../abi/abi';
import { requiresGrad } from '../tensors';
import { is_grad_enabled, newRecord, setInput, setParams } from '../tape';
import { i0 } from './helpers';

let refused: i32 = 0;
/** Which backward function the last NotImplemented node reached stood for (NoDerivativeOf). */
export function no_derivative_kind(): i32 { return refused; }
export function setNoDerivative(kind: i32): void { refused = kind; }

/**
 * `out`, the gradient a non-differentiable rule computed from a, b and c (b, c may be 0), behind a
 * NotImplemented node when grad mode records and a or b takes part in a graph.
 */
export function refuseAbove(kind: NoDerivativeOf, out: i32, a: i32, b: i32, c: i32 = 0): i32 {
  if (out <= 0 || !is_grad_enabled() || !(requiresGrad(a) || (b > 0 && requiresGrad(b)) || (c > 0 && requiresGrad(c)))) return out;
  const r = newRecord(Op.NoDerivative, c > 0 ? 3 : b > 0 ? 2 : 1, out);
  if (!r) return Err.OutOfMemory;
  setInput(r, 0, a);
  if (b > 0) setInput(r, 1, b);
  if (c > 0) setInput(r, 2, c);
  setParams(r, 0, 0, kind, 0);
  return out;
}

/** An input derivatives.yaml marks not_implemented("..."): PyTorch's NotImplementedError naming it (kind: NoDerivativeOf). */
export function notImplemented(kind: i32): i32 {
  refused = kind;
  return Err.NoDerivative;
}

export function noDerivativeBackward(r: usize, g: i32, k: i32): i32 {
  refused = i0(r);
  return Err.NoDerivative;
}
