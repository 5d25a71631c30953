// Optimizer updates (js device), in place, torch.optim's single-tensor
// formulas, mirroring assembly/ops/optim.ts (madd: PyTorch's fused a + c·b),
// in the parameter's dtype: float32 rounds every step (roundOf), float64 keeps it.

import { roundOf, type JsTensor } from '../tensor.js';
import type { SgdParams, AdamParams } from '../../device.js';

type Round = (x: number) => number;
// float32: the product is exact in f64, one rounding for the sum, as an FMA
const maddOf = (f: Round) => (a: number, c: number, b: number): number => f(a + c * b);

export function sgdStep(p: JsTensor, grad: JsTensor, buf: JsTensor | null, o: SgdParams): void {
  const f = roundOf(p.dtype), madd = maddOf(f);
  const x = p.data, gd = grad.data, bd = buf ? buf.data : null;
  const wd = f(o.weight_decay), mom = f(o.momentum), damp = f(1 - o.dampening), step = f(-o.lr);
  for (let i = 0; i < x.length; i++) {
    let d = gd[i];
    if (o.maximize) d = -d;
    if (o.weight_decay !== 0) d = madd(d, wd, x[i]);
    if (o.momentum !== 0) {
      const b = o.firstStep ? d : madd(f(bd![i] * mom), damp, d);
      bd![i] = b;
      d = o.nesterov ? madd(d, mom, b) : b;
    }
    x[i] = madd(x[i], step, d);
  }
}

export function adamStep(p: JsTensor, grad: JsTensor, m: JsTensor, v: JsTensor, vmax: JsTensor | null, o: AdamParams): void {
  const f = roundOf(p.dtype), madd = maddOf(f);
  const x = p.data, gd = grad.data, md = m.data, vd = v.data, xd = vmax ? vmax.data : null;
  // bias corrections in double, as Python computes them
  const bc1 = 1 - o.beta1 ** o.step;
  const bc2 = 1 - o.beta2 ** o.step;
  const stepSize = f(-(o.lr / bc1));
  const bc2Sqrt = f(Math.sqrt(bc2));
  const wd = f(o.weight_decay), b1 = f(o.beta1), b2 = f(o.beta2);
  const a1 = f(1 - o.beta1), a2 = f(1 - o.beta2), e = f(o.eps);
  for (let i = 0; i < x.length; i++) {
    let g = gd[i];
    if (o.maximize) g = -g;
    if (o.weight_decay !== 0) g = madd(g, wd, x[i]);
    const mi = madd(f(md[i] * b1), a1, g);
    // addcmul_: self + value·t1·t2
    const vi = madd(f(vd[i] * b2), f(a2 * g), g);
    md[i] = mi;
    vd[i] = vi;
    // amsgrad: torch.maximum(max_exp_avg_sq, exp_avg_sq) (NaN propagates) in the denominator
    const vm = xd ? (xd[i] = Math.max(xd[i], vi)) : vi;
    const denom = f(f(f(Math.sqrt(vm)) / bc2Sqrt) + e);
    // addcdiv_: self + value·t1/t2
    x[i] = f(x[i] + f(f(stepSize * mi) / denom));
  }
}
