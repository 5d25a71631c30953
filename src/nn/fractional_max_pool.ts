// F.fractional_max_pool2d/3d and nn.FractionalMaxPool2d/3d (helper nnrest). Each plane's windows
// start where ATen's generate_intervals puts them from that plane's sample in [0, 1) (in the
// input's float type: float32 inputs round as ATen's float arithmetic), k wide; the first maximum of
// each window (a NaN wins) is found on the host, and the output is a gather of the input at those
// flat positions: the values, indices and gradients are PyTorch's (a gather's backward adds the
// gradient at each maximum, as FractionalMaxPool2DBackward0), the node is the gather's view, not
// FractionalMaxPool2DBackward0 (docs/api.md). Without `_random_samples` the samples are
// torch.rand(N, C, n) in the input's dtype, as PyTorch draws them.

import { RuntimeError, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { DType } from '../../abi/abi.js';
import { rand, tensor } from '../creation.js';
import { Module } from './module.js';
import { tuple, type IntOrPair } from './modules.js';
import { checkFloatingKernel } from '../ops/pool.js';

/** The keyword arguments of F.fractional_max_pool2d/3d and the options of the modules. */
export interface FractionalMaxPoolOptions {
  output_size?: IntOrPair | null; output_ratio?: number | number[] | null; return_indices?: boolean; _random_samples?: Tensor | null;
}

/** Python's repr of a float or a list of floats (1.0, not 1), as PyTorch's messages print them. */
const pyFloats = (v: number | number[]): string => {
  const f = (x: number): string => (Number.isInteger(x) ? x.toFixed(1) : String(x));
  return typeof v === 'number' ? f(v) : `[${v.map(f).join(', ')}]`;
};

/** ATen's generate_intervals: where each of `outputSize` windows of `pool` starts along a dim of `inputSize`. */
function intervals(sample: number, inputSize: number, outputSize: number, pool: number, round: (x: number) => number): number[] {
  const seq = new Array<number>(outputSize).fill(0);
  if (outputSize > 1) {
    const alpha = round(round(inputSize - pool) / round(outputSize - 1));
    for (let i = 0; i < outputSize - 1; i++) seq[i] = Math.trunc(round(round(i + sample) * alpha)) - Math.trunc(round(sample * alpha));
  }
  if (outputSize > 0) seq[outputSize - 1] = inputSize - pool;
  return seq;
}

/** The fractional max pool of n (2 or 3) dims, checked in ATen's order. */
function fractional(n: 2 | 3, input: Tensor, kernel_size: IntOrPair, options: FractionalMaxPoolOptions): Tensor | [Tensor, Tensor] {
  const fn = `fractional_max_pool${n}d`, where = n === 2 ? 'fractional_max_pool2d()' : 'fractional_max_pool3d_out()';
  const shape = input._shape, nd = shape.length;
  let out = options.output_size ?? null;
  if (out === null && (options.output_ratio ?? null) === null) throw new ValueError(`${fn} requires specifying either an output_size or an output_ratio`);
  if (out === null) {
    const r = tuple(options.output_ratio!, n);
    out = r.map((ri, d) => Math.trunc(shape[nd - n + d] * ri));
  }
  const k = tuple(kernel_size, n), o = tuple(out, n);
  if (k.length !== n) throw new RuntimeError(`${fn}: kernel_size must either be a single Int or tuple of ${n === 2 ? 'Ints' : 'three Ints'}`);
  if (o.length !== n) throw new RuntimeError(`${fn}: output_size must either be a single Int or tuple of ${n === 2 ? 'Ints' : 'three Ints'}`);
  if (nd !== n + 1 && nd !== n + 2) throw new RuntimeError(`${where}: Expected ${n + 1}D or ${n + 2}D tensor, but got: [${shape.join(', ')}]`);
  for (let i = 1; i < nd; i++) {
    if (shape[i] === 0) {
      throw new RuntimeError(`${where}: Expected input to have non-zero size for non-batch dimensions, but got[${shape.join(', ')}] with dimension ${i} being empty.`);
    }
  }
  const ins = shape.slice(nd - n), names = n === 2 ? ['height', 'width'] : ['time', 'height', 'width'];
  ins.forEach((size, d) => {
    // ATen's 2-D check allows the windows to reach the last element, its 3-D check does not
    if (n === 2 ? o[d] + k[d] - 1 > size : o[d] + k[d] - 1 >= size) {
      throw new RuntimeError(`${where}: pool ${names[d]} ${k[d]} too large relative to input ${names[d]} ${size}`);
    }
  });
  checkFloatingKernel(input, `${fn}_out_frame`);
  const lead = shape.slice(0, nd - n), planes = lead.reduce((a, b) => a * b, 1), C = shape[nd - n - 1];
  const batch = nd === n + 2 ? shape[0] : 1;
  const samples = options._random_samples ?? rand([batch, C, n], { dtype: input.dtype, device: input.device });
  if (samples._shape.length !== 3 || samples._shape[0] < batch || samples._shape[1] < C || samples._shape[2] !== n) {
    throw new RuntimeError(`${fn}: _random_samples must have shape [${batch}, ${C}, ${n}], got [${samples._shape.join(', ')}] (wasmgrad)`);
  }
  const u = samples.contiguous()._dev.read(samples.contiguous().h), [, sC] = samples._shape;
  const round = input._dtype === DType.Float32 ? Math.fround : (x: number): number => x;
  const x = input.detach().contiguous(), X = x._dev.read(x.h);
  const inPlane = ins.reduce((a, b) => a * b, 1), outPlane = o.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(planes * outPlane);
  const [D, H, W] = n === 3 ? ins : [1, ...ins], [oD, oH, oW] = n === 3 ? o : [1, ...o], [kD, kH, kW] = n === 3 ? k : [1, ...k];
  for (let p = 0; p < planes; p++) {
    const s = (j: number): number => u[(Math.floor(p / C) * sC + (p % C)) * n + j];
    // ATen's samples: (W, H) for 2-D, (T, H, W) for 3-D
    const sD = n === 3 ? intervals(s(0), D, oD, kD, round) : [0];
    const sH = intervals(s(1), H, oH, kH, round), sW = intervals(s(n === 3 ? 2 : 0), W, oW, kW, round);
    const base = p * inPlane;
    let at = p * outPlane;
    for (let od = 0; od < oD; od++) {
      for (let oh = 0; oh < oH; oh++) {
        for (let ow = 0; ow < oW; ow++, at++) {
          let best = -Infinity, bi = (sD[od] * H + sH[oh]) * W + sW[ow];
          for (let z = sD[od]; z < sD[od] + kD; z++) {
            for (let r = sH[oh]; r < sH[oh] + kH; r++) {
              for (let c = sW[ow]; c < sW[ow] + kW; c++) {
                const i = (z * H + r) * W + c, v = X[base + i];
                if (v > best || v !== v) { best = v; bi = i; }
              }
            }
          }
          idx[at] = bi;
        }
      }
    }
  }
  const outShape = [...lead, ...o];
  const indices = tensor(idx, { device: input.device }).long().view(outShape);
  const flatIdx = indices.view([planes, outPlane]);
  const flatIn = input.reshape([planes, inPlane]);
  const values = flatIn.gather(1, flatIdx).view(outShape);
  return options.return_indices ? [values, indices] : values;
}

/**
 * 2-D fractional max pooling (Graham) of [N, C, H, W] or [C, H, W]: kernel_size windows at
 * pseudo-random steps so the output is output_size (or output_ratio of the input). Pass
 * `_random_samples` ([N, C, 2] in [0, 1)) for fixed windows; `return_indices` adds the int64 flat
 * index of each maximum in its plane.
 * @example F.fractional_max_pool2d(torch.randn([1, 3, 10, 10]), 3, { output_size: [5, 5] }).shape // [1, 3, 5, 5]
 */
export function fractional_max_pool2d(input: Tensor, kernel_size: IntOrPair, options: FractionalMaxPoolOptions = {}): Tensor {
  return fractional(2, input, kernel_size, options) as Tensor;
}

/**
 * 3-D fractional max pooling of [N, C, T, H, W] or [C, T, H, W] (see fractional_max_pool2d);
 * `_random_samples` is [N, C, 3].
 * @example F.fractional_max_pool3d(torch.randn([1, 2, 8, 8, 8]), 2, { output_ratio: 0.5 }).shape // [1, 2, 4, 4, 4]
 */
export function fractional_max_pool3d(input: Tensor, kernel_size: IntOrPair, options: FractionalMaxPoolOptions = {}): Tensor {
  return fractional(3, input, kernel_size, options) as Tensor;
}

/** The fractional max pooling layers, PyTorch's constructor checks; _random_samples is a buffer when given. */
abstract class FractionalMaxPoolNd extends Module {
  readonly kernel_size: number[];
  readonly output_size: number[] | null;
  readonly output_ratio: number[] | null;
  readonly return_indices: boolean;
  _random_samples: Tensor | null;

  constructor(private readonly n: 2 | 3, kernel_size: IntOrPair, options: FractionalMaxPoolOptions) {
    super();
    this.kernel_size = tuple(kernel_size, n);
    this.return_indices = options.return_indices ?? false;
    this._random_samples = this.register_buffer('_random_samples', options._random_samples ?? null);
    const size = options.output_size ?? null, ratio = options.output_ratio ?? null;
    this.output_size = size === null ? null : tuple(size, n);
    this.output_ratio = ratio === null ? null : typeof ratio === 'number' ? new Array<number>(n).fill(ratio) : ratio.slice();
    if (size === null && ratio === null) {
      throw new ValueError(`FractionalMaxPool${n}d requires specifying either an output size, or a pooling ratio`);
    }
    if (size !== null && ratio !== null) throw new ValueError('only one of output_size and output_ratio may be specified');
    if (this.output_ratio && !this.output_ratio.every((r) => r > 0 && r < 1)) {
      throw new ValueError(`output_ratio must be between 0 and 1 (got ${pyFloats(ratio!)})`);
    }
  }

  forward(input: Tensor): Tensor {
    return fractional(this.n, input, this.kernel_size, {
      output_size: this.output_size, output_ratio: this.output_ratio, return_indices: this.return_indices, _random_samples: this._random_samples,
    }) as Tensor;
  }
}

/**
 * 2-D fractional max pooling layer (F.fractional_max_pool2d); repr `FractionalMaxPool2d()` as PyTorch's.
 * @example new nn.FractionalMaxPool2d(3, { output_ratio: 0.5 }).call(torch.randn([1, 2, 10, 10])).shape // [1, 2, 5, 5]
 */
export class FractionalMaxPool2d extends FractionalMaxPoolNd {
  constructor(kernel_size: IntOrPair, options: FractionalMaxPoolOptions = {}) { super(2, kernel_size, options); }
}

/**
 * 3-D fractional max pooling layer (F.fractional_max_pool3d).
 * @example new nn.FractionalMaxPool3d(2, { output_size: [4, 4, 4] }).call(torch.randn([1, 2, 8, 8, 8])).shape // [1, 2, 4, 4, 4]
 */
export class FractionalMaxPool3d extends FractionalMaxPoolNd {
  constructor(kernel_size: IntOrPair, options: FractionalMaxPoolOptions = {}) { super(3, kernel_size, options); }
}

