// torch.nn.Parameter: a tensor that a Module registers as a parameter when it is given to
// register_parameter. As in PyTorch it shares its storage with the tensor it was made from, is a
// leaf, and requires grad unless asked not to. It lives outside torch.tidy's bookkeeping, so a
// model built inside tidy() outlives it.

import { Tensor } from '../tensor.js';
import { DType } from '../../abi/abi.js';
import { TypeError } from '../errors.js';
import { markView } from '../alias.js';
import { getDevice, unregisterFinalizer } from '../runtime.js';

/** Tensor's constructor arguments for a new tensor sharing data's storage (`data.detach()`), or an empty float32 one. */
function detached(cls: string, data: Tensor | null): ConstructorParameters<typeof Tensor> {
  if (data !== null && !(data instanceof Tensor)) throw new TypeError(`${cls}(): argument 'data' must be Tensor, not ${typeof data}`);
  const dev = data ? data._dev : getDevice(undefined);
  const h = data ? dev.copy(data.h) : dev.fromData([], [0], DType.Float32);
  return [dev, h, data ? data._shape.slice() : [0], data ? data._dtype : DType.Float32, false];
}

/**
 * A module parameter: PyTorch's `nn.Parameter(data, requires_grad=True)`.
 * @example
 * const w = new nn.Parameter(torch.ones(2)); // a leaf that requires grad
 * String(w) // 'Parameter containing:\ntensor([1., 1.], requires_grad=True)'
 */
export class Parameter extends Tensor {
  constructor(data: Tensor | null = null, requires_grad = true) {
    super(...detached('Parameter', data));
    if (data) { this._strides = data._strides; this._offset = data._offset; } // shares the layout, as detach()
    this.requires_grad_(requires_grad);
  }

  /**
   * PyTorch's repr: `Parameter containing:` above the tensor.
   * @example
   * String(new nn.Parameter(torch.zeros(1))) // 'Parameter containing:\ntensor([0.], requires_grad=True)'
   */
  override toString(): string { return `Parameter containing:\n${super.toString()}`; }
}

/** @internal A parameter holding `t`'s values; `t` (a temporary the caller made) is freed. */
export function toParameter(t: Tensor): Parameter {
  const p = new Parameter(t);
  t.dispose();
  return p;
}

/**
 * PyTorch 2.5's nn.Buffer(data, *, persistent=True): a tensor (sharing data's storage, as
 * `data.detach()`) that a module registers as a buffer when assigned to it, with its own
 * persistent flag (as does `register_buffer(name, buffer)` without a persistent argument).
 * @example
 * this.mask = new nn.Buffer(torch.ones(3), { persistent: false });
 */
export class Buffer extends Tensor {
  /** Whether state_dict() includes it once registered. */
  persistent: boolean;

  constructor(data: Tensor | null = null, options: { persistent?: boolean } = {}) {
    super(...detached('Buffer', data));
    if (data) {
      this._strides = data._strides;
      markView(this, data, (p) => p, true); // data.detach(): writes to either show in the other
      // the finalizer safety net (registered by the constructor) must hold the shared storage too
      unregisterFinalizer(this);
      (this as unknown as { _finalized: boolean })._finalized = false;
      this.escape();
    }
    if (data?.requires_grad) this.requires_grad_(true);
    this.persistent = options.persistent ?? true;
  }
}
