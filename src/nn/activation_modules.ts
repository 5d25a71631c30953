// The activation modules PyTorch has beyond layers.ts's (helper modules): each a functional call
// with PyTorch's constructor arguments (inplace where PyTorch has it: stored and printed, and the F
// function refuses inplace=True as it does everywhere here) and PyTorch's repr (extra_repr).

import { AssertionError, ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { leaf, pyFloat, type Factory } from './layers.js';
import { warnOnce } from './warn.js';
import * as F from './functional.js';
import { prelu, rrelu } from './prelu.js';
import { softmax } from '../ops/reduce.js';

const inplaceRepr = (inplace: boolean, lead = ''): string => (inplace ? `${lead}inplace=True` : '');

/**
 * value where x ≤ threshold, else x (F.threshold).
 * @example new nn.Threshold(0.1, 20.0).call(x) // repr Threshold(threshold=0.1, value=20.0)
 */
export class Threshold extends Module {
  constructor(readonly threshold: number, readonly value: number, readonly inplace = false) { super(); }
  forward(input: Tensor): Tensor { return F.threshold(input, this.threshold, this.value, this.inplace); }
  extra_repr(): string { return `threshold=${pyFloat(this.threshold)}, value=${pyFloat(this.value)}${inplaceRepr(this.inplace, ', ')}`; }
}

/**
 * Clamps to [min_val, max_val] (F.hardtanh); PyTorch asserts max_val > min_val.
 * @example new nn.Hardtanh(-2, 2).call(x)
 */
export class Hardtanh extends Module {
  readonly min_val: number;
  readonly max_val: number;
  readonly inplace: boolean;
  constructor(min_val = -1, max_val = 1, inplace = false, options: { min_value?: number | null; max_value?: number | null } = {}) {
    super();
    if (options.min_value != null) { warnOnce('keyword argument min_value is deprecated and rename to min_val'); min_val = options.min_value; }
    if (options.max_value != null) { warnOnce('keyword argument max_value is deprecated and rename to max_val'); max_val = options.max_value; }
    this.min_val = min_val;
    this.max_val = max_val;
    this.inplace = inplace;
    if (!(this.max_val > this.min_val)) throw new AssertionError('');
  }
  forward(input: Tensor): Tensor { return F.hardtanh(input, this.min_val, this.max_val, this.inplace); }
  extra_repr(): string { return `min_val=${pyFloat(this.min_val)}, max_val=${pyFloat(this.max_val)}${inplaceRepr(this.inplace, ', ')}`; }
}

/** min(max(x, 0), 6): Hardtanh(0, 6). @example new nn.ReLU6().call(x) */
export class ReLU6 extends Hardtanh {
  constructor(inplace = false) { super(0, 6, inplace); }
  extra_repr(): string { return inplaceRepr(this.inplace); }
}

/** A module whose only option is inplace, printed when true. */
abstract class InplaceActivation extends Module {
  constructor(readonly inplace = false) { super(); }
  extra_repr(): string { return inplaceRepr(this.inplace); }
}

/** scale·elu(x) with the self-normalising constants (F.selu). @example new nn.SELU().call(x) */
export class SELU extends InplaceActivation {
  forward(input: Tensor): Tensor { return F.selu(input, this.inplace); }
}
/** x·tanh(softplus(x)) (F.mish). @example new nn.Mish().call(x) */
export class Mish extends InplaceActivation {
  forward(input: Tensor): Tensor { return F.mish(input, this.inplace); }
}
/** clamp(x/6 + 1/2, 0, 1) (F.hardsigmoid); PyTorch prints no inplace. @example new nn.Hardsigmoid().call(x) */
export class Hardsigmoid extends InplaceActivation {
  forward(input: Tensor): Tensor { return F.hardsigmoid(input, this.inplace); }
  extra_repr(): string { return ''; }
}
/** x·hardsigmoid(x) (F.hardswish); PyTorch prints no inplace. @example new nn.Hardswish().call(x) */
export class Hardswish extends InplaceActivation {
  forward(input: Tensor): Tensor { return F.hardswish(input, this.inplace); }
  extra_repr(): string { return ''; }
}

/** x above 0, alpha·(e^(x/alpha) − 1) below (F.celu). @example new nn.CELU(0.5).call(x) */
export class CELU extends Module {
  constructor(readonly alpha = 1, readonly inplace = false) { super(); }
  forward(input: Tensor): Tensor { return F.celu(input, this.alpha, this.inplace); }
  extra_repr(): string { return `alpha=${pyFloat(this.alpha)}${inplaceRepr(this.inplace, ', ')}`; }
}

/** The gated linear unit along dim (F.glu). @example new nn.GLU().call(torch.randn([4, 6])).shape // [4, 3] */
export class GLU extends Module {
  constructor(readonly dim = -1) { super(); }
  forward(input: Tensor): Tensor { return F.glu(input, this.dim); }
  extra_repr(): string { return `dim=${this.dim}`; }
}

/** x where |x| > lambd, else 0 (F.hardshrink). @example new nn.Hardshrink(0.5).call(x) // repr Hardshrink(0.5) */
export class Hardshrink extends Module {
  constructor(readonly lambd = 0.5) { super(); }
  forward(input: Tensor): Tensor { return F.hardshrink(input, this.lambd); }
  extra_repr(): string { return pyFloat(this.lambd); }
}

/** x moved towards 0 by lambd, 0 on [−lambd, lambd] (F.softshrink). @example new nn.Softshrink(0.5).call(x) */
export class Softshrink extends Module {
  constructor(readonly lambd = 0.5) { super(); }
  forward(input: Tensor): Tensor { return F.softshrink(input, this.lambd); }
  extra_repr(): string { return pyFloat(this.lambd); }
}

/** log σ(x) (F.logsigmoid). @example new nn.LogSigmoid().call(x) */
export class LogSigmoid extends Module { forward(input: Tensor): Tensor { return F.logsigmoid(input); } }
/** x / (1 + |x|) (F.softsign). @example new nn.Softsign().call(x) */
export class Softsign extends Module { forward(input: Tensor): Tensor { return F.softsign(input); } }
/** x − tanh(x) (F.tanhshrink). @example new nn.Tanhshrink().call(x) */
export class Tanhshrink extends Module { forward(input: Tensor): Tensor { return F.tanhshrink(input); } }

/**
 * softmax(−x) along dim (F.softmin); without a dim, PyTorch's implicit choice (0 for 0-, 1- and
 * 3-D inputs, else 1) with its deprecation warning.
 * @example new nn.Softmin(1).call(x)
 */
export class Softmin extends Module {
  constructor(readonly dim: number | null = null) { super(); }
  forward(input: Tensor): Tensor {
    let dim = this.dim;
    if (dim === null) {
      warnOnce('Implicit dimension choice for softmin has been deprecated. Change the call to include dim=X as an argument.');
      dim = [0, 1, 3].includes(input._shape.length) ? 0 : 1;
    }
    return F.softmin(input, dim);
  }
  extra_repr(): string { return `dim=${this.dim === null ? 'None' : this.dim}`; }
}

/**
 * Softmax over the channels (dim −3) of a (C, H, W) or (N, C, H, W) input.
 * @example new nn.Softmax2d().call(torch.randn([2, 3, 4, 4])) // sums to 1 over dim 1
 */
export class Softmax2d extends Module {
  forward(input: Tensor): Tensor {
    const nd = input._shape.length;
    if (nd !== 3 && nd !== 4) throw new ValueError(`Softmax2d: expected input to be 3D or 4D, got ${nd}D instead`);
    return softmax(input, -3);
  }
}

/**
 * x above 0, weight·x below, with a learnt slope per channel (num_parameters of them, or one
 * shared), initialised to `init` (F.prelu).
 * @example const act = new nn.PReLU(3); act.call(torch.randn([2, 3, 4])) // PReLU(num_parameters=3)
 */
export class PReLU extends Module {
  readonly num_parameters: number;
  readonly init: number;
  weight: Tensor;
  constructor(num_parameters = 1, init = 0.25, options: Factory = {}) {
    super();
    this.num_parameters = num_parameters;
    this.init = init;
    this.weight = this.register_parameter('weight', leaf(new Array<number>(num_parameters).fill(init), [num_parameters], options));
  }
  forward(input: Tensor): Tensor { return prelu(input, this.weight); }
  extra_repr(): string { return `num_parameters=${this.num_parameters}`; }
}

/**
 * Randomized leaky ReLU (F.rrelu): slopes drawn from [lower, upper) by the global generator in
 * training mode (PyTorch's draws after the same manual_seed), (lower + upper)/2 in eval mode.
 * @example new nn.RReLU(0.1, 0.3).call(x) // RReLU(lower=0.1, upper=0.3)
 */
export class RReLU extends Module {
  constructor(readonly lower = 1 / 8, readonly upper = 1 / 3, readonly inplace = false) { super(); }
  forward(input: Tensor): Tensor { return rrelu(input, this.lower, this.upper, this.training, this.inplace); }
  extra_repr(): string { return `lower=${pyFloat(this.lower)}, upper=${pyFloat(this.upper)}${inplaceRepr(this.inplace, ', ')}`; }
}
