// What the recurrent modules (rnn.ts) and their cell forms (rnn_cells.ts) share: PyTorch's
// reset_parameters (every parameter, in registration order, from U(−1/√hidden_size, 1/√hidden_size)
// of the global generator, drawn as uniform_ draws for the parameter's dtype) and parameter creation.

import { DType } from '../../abi/abi.js';
import type { Tensor } from '../tensor.js';
import { fillUniform, fillUniformDouble } from '../random.js';
import { leaf, type Factory } from './layers.js';

/** A zero-filled parameter of `shape`, its values set by {@link resetUniform}. */
export const emptyParameter = (shape: number[], o: Factory): Tensor => leaf(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape, o);

/**
 * PyTorch's RNNBase/RNNCellBase.reset_parameters: `init.uniform_(w, -stdv, stdv)` for each
 * parameter in order, stdv = 1/√hidden_size (0 for hidden_size 0).
 */
export function resetUniform(params: readonly Tensor[], hidden_size: number): void {
  const stdv = hidden_size > 0 ? 1.0 / Math.sqrt(hidden_size) : 0;
  for (const p of params) {
    const n = p.numel();
    const values = p._dtype === DType.Float64 ? fillUniformDouble(new Float64Array(n), -stdv, stdv) : fillUniform(new Float32Array(n), -stdv, stdv);
    p._dev.write(p.h, values);
  }
}
