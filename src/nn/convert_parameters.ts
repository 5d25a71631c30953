// torch.nn.utils.parameters_to_vector and vector_to_parameters: all parameters as one flat vector.

import { Tensor } from '../tensor.js';
import { TypeError } from '../errors.js';
import { no_grad } from '../autograd.js';
import { cat } from '../ops/shape.js';
import { pyType } from '../args.js';

/** PyTorch's _check_param_device: every parameter on the first one's device. */
function checkDevices(params: Tensor[]): void {
  if (params.some((p) => !(p instanceof Tensor))) {
    const bad = params.find((p) => !(p instanceof Tensor));
    throw new TypeError(`expected torch.Tensor, but got: ${pyType(bad)}`);
  }
  if (params.some((p) => p.device !== params[0].device)) throw new TypeError('Found two parameters on different devices, this is currently not supported.');
}

/**
 * The parameters flattened and concatenated into one vector, as
 * `torch.nn.utils.parameters_to_vector` (differentiable, as PyTorch's cat of views).
 * @example const v = nn.utils.parameters_to_vector(model.parameters()); // (total numel)
 */
export function parameters_to_vector(parameters: Iterable<Tensor>): Tensor {
  const params = [...parameters];
  checkDevices(params);
  return cat(params.map((p) => p.reshape(-1)));
}

/**
 * Writes consecutive slices of `vec` into the parameters, as
 * `torch.nn.utils.vector_to_parameters`. PyTorch rebinds each `param.data` to a view of vec;
 * wasmgrad copies the values in (the parameters do not alias vec afterwards).
 * @example nn.utils.vector_to_parameters(v.mul(0.5), model.parameters())
 */
export function vector_to_parameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (!(vec instanceof Tensor)) throw new TypeError(`expected torch.Tensor, but got: ${pyType(vec)}`);
  const params = [...parameters];
  checkDevices(params);
  let pointer = 0;
  no_grad(() => {
    for (const p of params) {
      const n = p.numel();
      // vec[pointer:pointer + n] clamps at the end as a Python slice; view_as then names the shortfall
      p.copy_(vec.index(`${pointer}:${pointer + n}`).view(p.shape));
      pointer += n;
    }
  });
}
