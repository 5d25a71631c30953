// torch.nn modules: Module keeps parameters and submodules; Linear, ReLU,
// Sigmoid and Sequential are built on it.

import { Tensor } from '../tensor.js';
import { NotImplementedError } from '../errors.js';

/** Base class of all layers (to be completed). */
export class Module {
  forward(..._args: Tensor[]): Tensor { throw new NotImplementedError('Module.forward'); }
}
export class Linear extends Module {}
export class ReLU extends Module {}
export class Sigmoid extends Module {}
export class Sequential extends Module {}
