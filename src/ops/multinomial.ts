// torch.multinomial, Tensor.multinomial (helper leftovers), as PyTorch 1.13's CPU kernel:
// without replacement (or for one sample) q = exponential_(1) over the whole input, each a
// 53-bit uniform u turned into -log1p(-u), then topk(input / q) (argmax for one sample); with
// replacement the row's cumulative distribution (summed in input's precision, normalized, the
// last bucket set to 1) and a binary search per sample for a 53-bit uniform. Same draws as
// PyTorch after torch.manual_seed, up to Math.log1p's last bit against glibc's (docs/api.md).

import { DType } from '../../abi/abi.js';
import { RuntimeError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { bind } from '../signature.js';
import { parseSchema } from '../schema.js';
import { DTYPES, isFloating } from '../dtype.js';
import { default_generator, type Generator } from '../random.js';
import { topk } from './sort.js';
import { argmax } from './reduce.js';

const MULTINOMIAL = parseSchema('multinomial(Tensor input, int num_samples, bool replacement=False, *, Generator? generator=None) -> Tensor');

function multinomialBound(a: Record<string, unknown>): Tensor {
  const input = a.input as Tensor, n = a.num_samples as number, replacement = a.replacement as boolean;
  const gen = (a.generator as Generator | null) ?? default_generator;
  const shape = input._shape, nd = shape.length;
  if (nd < 1 || nd > 2) throw new RuntimeError('prob_dist must be 1 or 2 dim');
  if (!isFloating(input._dtype)) {
    throw new RuntimeError(`multinomial only supports floating-point dtypes for input, got: ${DTYPES[input._dtype]._scalarType}`);
  }
  if (n <= 0) throw new RuntimeError('cannot sample n_sample <= 0 samples');
  const cats = shape[nd - 1], rows = nd === 2 ? shape[0] : 1;
  if (!replacement && n > cats) throw new RuntimeError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  const w = input._dev.read(input.h) as ArrayLike<number>;
  const f64 = input._dtype === DType.Float64, round = f64 ? (x: number): number => x : Math.fround;
  const outShape = nd === 2 ? [rows, n] : [n];
  if (!replacement || n === 1) {
    let bad = false;
    for (let i = 0; i < w.length; i++) if (!(w[i] >= 0 && w[i] < Infinity)) bad = true;
    if (bad) throw new RuntimeError('probability tensor contains either `inf`, `nan` or element < 0');
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let j = 0; j < cats; j++) s += w[r * cats + j];
      if (s === 0) throw new RuntimeError('invalid multinomial distribution (sum of probabilities <= 0)');
    }
    const q = new Float64Array(w.length);
    for (let i = 0; i < q.length; i++) q[i] = round(w[i] / round(-Math.log1p(-gen.randomDouble53())));
    const dev = input._dev, keys = new Tensor(dev, dev.fromData(q, shape.slice(), input._dtype), shape.slice(), input._dtype);
    try {
      if (n === 1) return argmax(keys, -1, true);
      const [vals, idx] = topk(keys, n);
      vals.dispose();
      return idx;
    } finally {
      keys.dispose();
    }
  }
  const out = new Int32Array(rows * n), cum = new Float64Array(cats);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < cats; j++) {
      const v = w[r * cats + j];
      if (!(v >= 0)) throw new RuntimeError('invalid multinomial distribution (encountering probability entry < 0)');
      if (!Number.isFinite(v)) throw new RuntimeError('invalid multinomial distribution (encountering probability entry = infinity or NaN)');
      s = round(s + v);
      cum[j] = s;
    }
    if (!(s > 0)) throw new RuntimeError('invalid multinomial distribution (sum of probabilities <= 0)');
    for (let j = 0; j < cats; j++) cum[j] = round(cum[j] / s);
    cum[cats - 1] = 1;
    for (let i = 0; i < n; i++) {
      const u = gen.randomDouble53();
      let lo = 0, hi = cats;
      while (hi - lo > 0) {
        const mid = lo + ((hi - lo) >> 1);
        if (cum[mid] < u) lo = mid + 1; else hi = mid;
      }
      out[r * n + i] = lo;
    }
  }
  return new Tensor(input._dev, input._dev.fromData(out, outShape, DType.Int64), outShape, DType.Int64);
}

/**
 * num_samples indices drawn from each row of input's (unnormalized) weights, int64; without
 * replacement each index at most once. PyTorch's draws after torch.manual_seed, or from the
 * `generator` option's torch.Generator.
 * @example
 * torch.manual_seed(0);
 * console.log(`${torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 6, true)}`); // tensor([3, 3, 2, 3, 3, 3])
 */
export function multinomial(input: Tensor, num_samples: number, replacement?: boolean, options?: { generator?: Generator | null }): Tensor;
export function multinomial(input: Tensor, num_samples: number, options: { replacement?: boolean; generator?: Generator | null }): Tensor;
export function multinomial(...args: unknown[]): Tensor { return multinomialBound(bind(MULTINOMIAL, args, null)); }

/** @internal Tensor.multinomial */
export const multinomialMethod = (self: Tensor, args: unknown[]): Tensor => multinomialBound(bind(MULTINOMIAL, args, self));
