// F.local_response_norm (helper normdrop), composed as torch.nn.functional composes it: the squares
// averaged over a window of `size` channels (zero-padded: size // 2 before, (size − 1) // 2 after)
// by an average pool, then input / (k + alpha·avg)^beta (DivBackward0). PyTorch pools 4-D and wider
// inputs with avg_pool3d over (size, 1, 1); here avg_pool2d over (size, 1) of the same view with the
// trailing dims flattened, the same window sums.

import { ValueError } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { add, div, mul, pow } from '../ops/elementwise.js';
import { pad } from '../ops/gather_scatter.js';
import { avg_pool2d } from '../ops/pool.js';

const lrnSchema = parseSchema('local_response_norm(Tensor input, int size, float alpha=0.0001, float beta=0.75, float k=1.0) -> Tensor');

/**
 * Local response normalization across channels of input (N, C, *): each element divided by
 * (k + alpha · mean of the squares over `size` neighbouring channels)^beta.
 * @example
 * F.local_response_norm(torch.randn([2, 6, 5]), 3);
 * F.local_response_norm(x, 2, { alpha: 1e-3, beta: 0.5, k: 2 });
 */
export function local_response_norm(input: Tensor, size: number | { size?: number; alpha?: number; beta?: number; k?: number },
  alpha?: number | { alpha?: number; beta?: number; k?: number }, beta?: number | { beta?: number; k?: number }, k?: number | { k?: number }): Tensor;
export function local_response_norm(...args: unknown[]): Tensor {
  const a = bind(lrnSchema, args, null, 'local_response_norm');
  const input = a.input as Tensor, size = a.size as number, shape = input._shape, dim = shape.length;
  if (dim < 3) {
    // Python's line continuation inside the string keeps the next line's indentation
    throw new ValueError(`Expected 3D or higher dimensionality ${' '.repeat(25)}input (got ${dim} dimensions)`);
  }
  if (input.numel() === 0) return input;
  const tmp: Tensor[] = [];
  const keep = (t: Tensor): Tensor => { tmp.push(t); return t; };
  try {
    const sq = keep(keep(mul(input, input)).unsqueeze(1));
    // (N, 1, C, rest): the window runs over C only
    const view = dim === 3 ? sq : keep(sq.view([shape[0], 1, shape[1], -1]));
    const padded = keep(pad(view, [0, 0, Math.floor(size / 2), Math.floor((size - 1) / 2)]));
    const avg = keep(keep(avg_pool2d(padded, [size, 1], 1)).squeeze(1));
    const d = keep(pow(keep(add(keep(mul(dim === 3 ? avg : keep(avg.view(shape.slice())), a.alpha as number)), a.k as number)), a.beta as number));
    return div(input, d);
  } finally {
    for (const t of tmp) t.dispose();
  }
}
