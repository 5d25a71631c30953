// The loss functions' shared argument handling: the reduction option, PyTorch's broadcast
// warning, the options not implemented yet, and the input checks (src/nn/functional.ts, losses.ts).

import { warnOnce } from './warn.js';
import { DType, Reduction } from '../../abi/abi.js';
import { RuntimeError, ValueError, NotImplementedError } from '../errors.js';
import { sameShape, broadcastShapes } from '../shape.js';
import { pyStr } from '../args.js';
import { Tensor } from '../tensor.js';
import type { Handle } from '../device.js';
import { deviceOf, checkFloating, checkTensor } from '../ops/common.js';

export type ReductionName = 'mean' | 'sum' | 'none';
export interface LossOptions { reduction?: ReductionName }

/** @internal the loss functions' `reduction` option as the devices take it */
export function reductionOf(r: ReductionName | undefined): Reduction {
  switch (r === undefined ? 'mean' : r) {
    case 'mean': return Reduction.Mean;
    case 'sum': return Reduction.Sum;
    case 'none': return Reduction.None;
    default: throw new ValueError(`${pyStr(r)} is not a valid value for reduction`);
  }
}

export { warnOnce };

/** A loss module's reduction options, with PyTorch's deprecated size_average and reduce. */
export interface LegacyReductionOptions<R = ReductionName> { reduction?: R; size_average?: boolean | null; reduce?: boolean | null }

/**
 * A loss module's reduction as PyTorch's _Loss sets it: size_average or reduce given (not None) replace
 * `reduction` by torch.nn._reduction.legacy_get_string's mapping (Python truth values), with its warning.
 * @example lossReduction({ size_average: false }) // 'sum', after a UserWarning
 */
export function lossReduction<R extends string>(options: LegacyReductionOptions<R>): R | ReductionName {
  const { size_average = null, reduce = null, reduction = 'mean' } = options;
  if (size_average === null && reduce === null) return reduction;
  const mean = Boolean(size_average ?? true), keep = Boolean(reduce ?? true);
  const name: ReductionName = mean && keep ? 'mean' : keep ? 'sum' : 'none';
  warnOnce(`size_average and reduce args will be deprecated, please use reduction='${name}' instead.`);
  return name;
}

export const sizeStr = (s: readonly number[]): string => `torch.Size([${s.join(', ')}])`;

/** PyTorch's warning for regression losses whose target broadcasts against the input. */
export function warnBroadcast(input: Tensor, target: Tensor): void {
  if (sameShape(input._shape, target._shape)) return;
  warnOnce(`Using a target size (${sizeStr(target._shape)}) that is different to the input size (${sizeStr(input._shape)}). ` +
    'This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.');
}

// PyTorch options not implemented yet: refused, since ignoring them would give a
// silently different loss (weight, pos_weight, label_smoothing, the deprecated
// size_average / reduce).
const UNSUPPORTED = ['weight', 'pos_weight', 'label_smoothing', 'size_average', 'reduce'];

export function refuseUnsupported(options: object, fn: string): void {
  for (const k of UNSUPPORTED) {
    const v = (options as Record<string, unknown>)[k];
    if (v === undefined || v === null || (k === 'label_smoothing' && v === 0)) continue;
    throw new NotImplementedError(`wasmgrad: ${fn}(${k}=...) is not supported yet`);
  }
}

export function checkLossArgs(input: Tensor, target: Tensor, fn: string): void {
  checkTensor(input, fn, 'input');
  checkTensor(target, fn, 'target');
  deviceOf(input, target);
  checkFloating(input, fn);
  checkFloating(target, fn);
}

/** ATen's error for a loss kernel given a float32 and a float64 operand (binary_cross_entropy). */
export function checkLossDtypes(input: Tensor, target: Tensor): void {
  if (input._dtype !== target._dtype) {
    throw new RuntimeError(`Found dtype ${target.dtype._scalarType} but expected ${input.dtype._scalarType}`);
  }
}

/** t converted to dtype d (recorded, so the gradient reaches t in its own dtype), or t itself. */
export const castTo = (t: Tensor, d: DType): Tensor => (t._dtype === d ? t : d === DType.Float64 ? t.double() : t.float());


/**
 * A fused regression loss (mse_loss, smooth_l1_loss, huber_loss) as F.* calls it: PyTorch's warning,
 * torch.broadcast_tensors, then the op on operands of one shape; float32 with float64 computes in
 * float64, as ATen's kernels (whose backward then refuses the mix: ours gives each operand its
 * gradient in its dtype).
 */
export function broadcastFused(input: Tensor, target: Tensor, reduction: Reduction, run: (x: Handle, t: Handle) => Handle): Tensor {
  warnBroadcast(input, target);
  const shape = broadcastShapes(input._shape, target._shape);
  const dtype = input._dtype === DType.Float64 ? input._dtype : target._dtype;
  const xc = castTo(input, dtype), tc = castTo(target, dtype);
  const x = sameShape(shape, xc._shape) ? xc : xc.expand(shape);
  const t = sameShape(shape, tc._shape) ? tc : tc.expand(shape);
  const outShape = reduction === Reduction.None ? shape.slice() : [];
  try {
    return new Tensor(input._dev, run(x.h, t.h), outShape, dtype);
  } finally {
    // the conversions and expansions are temporaries (the graph keeps their records, not them)
    for (const tmp of new Set([x, t, xc, tc])) if (tmp !== input && tmp !== target) tmp.dispose();
  }
}

/** Runs a composition; the intermediates it passes to keep() are disposed after (the graph keeps their records). */
export function composed(build: (keep: (t: Tensor) => Tensor) => Tensor): Tensor {
  const tmp: Tensor[] = [];
  let result: Tensor | null = null;
  try {
    result = build((t) => { tmp.push(t); return t; });
    return result;
  } finally {
    for (const t of new Set(tmp)) if (t !== result) t.dispose();
  }
}
