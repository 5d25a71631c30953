// The padding modules (helper modules): ConstantPad, ZeroPad, ReflectionPad, ReplicationPad and
// CircularPad in 1, 2 and 3 dims, each F.pad with its mode over a padding of 2, 4 or 6 numbers
// (one number: the same on every side), with PyTorch 2's repr. ZeroPad1d / ZeroPad3d and the
// CircularPad modules are PyTorch 2's (docs/api.md).

import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { pad } from '../ops/gather_scatter.js';
import { pyFloat } from './layers.js';

type Padding = number | number[];
type Mode = 'constant' | 'reflect' | 'replicate' | 'circular';

/** One padding module: its n-d padding tuple and F.pad's mode. */
abstract class PadNd extends Module {
  readonly padding: number[];
  protected abstract readonly mode: Mode;

  constructor(n: number, padding: Padding) {
    super();
    this.padding = typeof padding === 'number' ? new Array<number>(2 * n).fill(padding) : padding.slice();
  }

  /** The input ranks the module takes (the CircularPad modules check them), or null. */
  protected ranks(): number[] | null { return null; }

  forward(input: Tensor): Tensor {
    const ranks = this.ranks(), nd = input._shape.length;
    if (ranks && !ranks.includes(nd)) throw new ValueError(`expected ${ranks[0]}D or ${ranks[1]}D input (got ${nd}D input)`);
    const value = this.fill();
    return value === undefined ? pad(input, this.padding, this.mode) : pad(input, this.padding, this.mode, value);
  }

  /** The constant padding modules' value. */
  protected fill(): number | undefined { return undefined; }

  extra_repr(): string { return `(${this.padding.join(', ')})`; }
}

/** A constant padding module: the value. */
abstract class ConstantPadNd extends PadNd {
  protected readonly mode = 'constant';
  constructor(n: number, padding: Padding, readonly value: number) { super(n, padding); }
  protected override fill(): number { return this.value; }
  override extra_repr(): string { return `padding=${super.extra_repr()}, value=${pyFloat(this.value)}`; }
}

/**
 * Pads the last dim with a constant (F.pad 'constant').
 * @example new nn.ConstantPad1d([3, 1], 3.5).call(torch.randn([1, 2, 4])).shape // [1, 2, 8]
 */
export class ConstantPad1d extends ConstantPadNd { constructor(padding: Padding, value: number) { super(1, padding, value); } }
/**
 * Pads the last 2 dims with a constant: (left, right, top, bottom).
 * @example new nn.ConstantPad2d(2, 3.5).call(torch.randn([1, 2, 2])).shape // [1, 6, 6]
 */
export class ConstantPad2d extends ConstantPadNd { constructor(padding: Padding, value: number) { super(2, padding, value); } }
/**
 * Pads the last 3 dims with a constant: (left, right, top, bottom, front, back).
 * @example new nn.ConstantPad3d([3, 3, 6, 6, 0, 1], 3.5).call(x)
 */
export class ConstantPad3d extends ConstantPadNd { constructor(padding: Padding, value: number) { super(3, padding, value); } }

/**
 * Pads the last dim with zeros (PyTorch 2).
 * @example new nn.ZeroPad1d([3, 1]).call(torch.randn([1, 2, 3])).shape // [1, 2, 7]
 */
export class ZeroPad1d extends ConstantPadNd {
  constructor(padding: Padding) { super(1, padding, 0); }
  override extra_repr(): string { return `(${this.padding.join(', ')})`; }
}
/**
 * Pads the last 2 dims with zeros.
 * @example new nn.ZeroPad2d([1, 1, 2, 0]).call(torch.randn([1, 1, 3, 3])).shape // [1, 1, 5, 5]
 */
export class ZeroPad2d extends ConstantPadNd {
  constructor(padding: Padding) { super(2, padding, 0); }
  override extra_repr(): string { return `(${this.padding.join(', ')})`; }
}
/**
 * Pads the last 3 dims with zeros (PyTorch 2).
 * @example new nn.ZeroPad3d(1).call(torch.randn([1, 2, 2, 2, 2])).shape // [1, 2, 4, 4, 4]
 */
export class ZeroPad3d extends ConstantPadNd {
  constructor(padding: Padding) { super(3, padding, 0); }
  override extra_repr(): string { return `(${this.padding.join(', ')})`; }
}

/**
 * Pads the last dim with its reflection (F.pad 'reflect'); each pad less than the dim.
 * @example new nn.ReflectionPad1d(2).call(torch.arange(8).float().reshape([1, 2, 4]))
 */
export class ReflectionPad1d extends PadNd { protected readonly mode = 'reflect'; constructor(padding: Padding) { super(1, padding); } }
/** Pads the last 2 dims with their reflection. @example new nn.ReflectionPad2d([1, 1, 2, 0]).call(x) */
export class ReflectionPad2d extends PadNd { protected readonly mode = 'reflect'; constructor(padding: Padding) { super(2, padding); } }
/** Pads the last 3 dims with their reflection. @example new nn.ReflectionPad3d(1).call(x) */
export class ReflectionPad3d extends PadNd { protected readonly mode = 'reflect'; constructor(padding: Padding) { super(3, padding); } }

/** Pads the last dim by repeating its edges (F.pad 'replicate'). @example new nn.ReplicationPad1d([3, 1]).call(x) */
export class ReplicationPad1d extends PadNd { protected readonly mode = 'replicate'; constructor(padding: Padding) { super(1, padding); } }
/** Pads the last 2 dims by repeating their edges. @example new nn.ReplicationPad2d(2).call(x) */
export class ReplicationPad2d extends PadNd { protected readonly mode = 'replicate'; constructor(padding: Padding) { super(2, padding); } }
/** Pads the last 3 dims by repeating their edges. @example new nn.ReplicationPad3d(1).call(x) */
export class ReplicationPad3d extends PadNd { protected readonly mode = 'replicate'; constructor(padding: Padding) { super(3, padding); } }

/**
 * Pads the last dim by wrapping around (F.pad 'circular', PyTorch 2.1); (C, W) or (N, C, W) input.
 * @example new nn.CircularPad1d(2).call(torch.arange(8).float().reshape([1, 2, 4]))
 */
export class CircularPad1d extends PadNd {
  protected readonly mode = 'circular';
  constructor(padding: Padding) { super(1, padding); }
  protected override ranks(): number[] { return [2, 3]; }
}
/** Pads the last 2 dims by wrapping around; 3-D or 4-D input. @example new nn.CircularPad2d([1, 1, 2, 0]).call(x) */
export class CircularPad2d extends PadNd {
  protected readonly mode = 'circular';
  constructor(padding: Padding) { super(2, padding); }
  protected override ranks(): number[] { return [3, 4]; }
}
/** Pads the last 3 dims by wrapping around; 4-D or 5-D input. @example new nn.CircularPad3d(1).call(x) */
export class CircularPad3d extends PadNd {
  protected readonly mode = 'circular';
  constructor(padding: Padding) { super(3, padding); }
  protected override ranks(): number[] { return [4, 5]; }
}
