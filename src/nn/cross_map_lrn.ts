// nn.CrossMapLRN2d (helper modules): PyTorch's legacy Function torch.nn.modules._functions.CrossMapLRN2d,
// its forward (a running sum of squares over channels, with PyTorch's window: the sum adds channel
// c + pre_pad − 1 and drops c − pre_pad only for c > pre_pad) and its own backward (not the exact
// derivative of that forward), step for step, as an autograd.Function whose node is PyTorch's
// CrossMapLRN2dBackward.

import { AssertionError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { Function, type FunctionCtx } from '../autograd_function.js';
import { Module } from './module.js';
import { pyFloat } from './layers.js';

const tensorLike = (like: Tensor, data: Float64Array): Tensor =>
  new Tensor(like._dev, like._dev.fromData(data, like._shape.slice(), like._dtype), like._shape.slice(), like._dtype, false);

/** The per-element scale k + alpha/size · (the window's sum of squares), PyTorch's running sum. */
function scaleOf(x: ArrayLike<number>, [N, C, H, W]: number[], size: number, alpha: number, k: number): Float64Array {
  const plane = H * W, scale = new Float64Array(x.length);
  const prePad = Math.trunc((size - 1) / 2 + 1), crop = Math.min(prePad, C);
  for (let n = 0; n < N; n++) {
    const at = (c: number): number => (n * C + c) * plane;
    for (let c = 0; c < crop; c++) for (let i = 0; i < plane; i++) scale[at(0) + i] += x[at(c) + i] ** 2;
    for (let c = 1; c < C; c++) {
      for (let i = 0; i < plane; i++) {
        let s = scale[at(c - 1) + i];
        if (c < C - prePad + 1) s += x[at(c + prePad - 1) + i] ** 2;
        if (c > prePad) s -= x[at(c - prePad) + i] ** 2;
        scale[at(c) + i] = s;
      }
    }
  }
  return scale.map((s) => s * (alpha / size) + k);
}

const CrossMapLRN2dFunction = class CrossMapLRN2d extends Function {
  static override forward(ctx: FunctionCtx, input: Tensor, size: number, alpha = 1e-4, beta = 0.75, k = 1): Tensor {
    if (input._shape.length !== 4) throw new AssertionError('');
    const x = input.dataSync(), scale = scaleOf(x, input._shape, size, alpha, k);
    const output = tensorLike(input, scale.map((s, i) => s ** -beta * x[i]));
    Object.assign(ctx, { size, alpha, beta, scale });
    ctx.save_for_backward(input, output);
    return output;
  }

  static override backward(ctx: FunctionCtx, grad_output: Tensor): (Tensor | null)[] {
    const [input, output] = ctx.saved_tensors as Tensor[];
    const { size, alpha, beta, scale } = ctx as unknown as { size: number; alpha: number; beta: number; scale: Float64Array };
    const [N, C, H, W] = input._shape, plane = H * W;
    const x = input.dataSync(), y = output.dataSync(), g = grad_output.contiguous().dataSync();
    const grad = scale.map((s, i) => s ** -beta * g[i]);
    const ratio = 2 * alpha * beta / size, inversePrePad = Math.trunc(size - (size - 1) / 2);
    // padded_ratio: C + size − 1 planes, grad·output/scale in the C planes from inversePrePad
    const padded = new Float64Array((C + size - 1) * plane), accum = new Float64Array(plane);
    for (let n = 0; n < N; n++) {
      const at = (c: number): number => (n * C + c) * plane;
      padded.fill(0);
      for (let c = 0; c < C; c++) for (let i = 0; i < plane; i++) padded[(inversePrePad + c) * plane + i] = g[at(c) + i] * y[at(c) + i] / scale[at(c) + i];
      accum.fill(0);
      for (let c = 0; c < size - 1; c++) for (let i = 0; i < plane; i++) accum[i] += padded[c * plane + i];
      for (let c = 0; c < C; c++) {
        for (let i = 0; i < plane; i++) {
          accum[i] += padded[(c + size - 1) * plane + i];
          grad[at(c) + i] -= ratio * x[at(c) + i] * accum[i];
          accum[i] -= padded[c * plane + i];
        }
      }
    }
    return [tensorLike(input, grad), null, null, null, null];
  }
};

/**
 * Local response normalization across channels of (N, C, H, W) inputs, PyTorch's legacy
 * CrossMapLRN2d (its window and its own backward; node CrossMapLRN2dBackward).
 * @example new nn.CrossMapLRN2d(3).call(torch.randn([2, 5, 3, 3])) // CrossMapLRN2d(3, alpha=0.0001, beta=0.75, k=1)
 */
export class CrossMapLRN2d extends Module {
  constructor(readonly size: number, readonly alpha = 1e-4, readonly beta = 0.75, readonly k = 1) { super(); }
  forward(input: Tensor): Tensor { return CrossMapLRN2dFunction.apply(input, this.size, this.alpha, this.beta, this.k) as Tensor; }
  extra_repr(): string { return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${this.k}`; }
}
