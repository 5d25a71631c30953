// The transcendental ops with their float64 references and edge inputs, and
// rows for the softmax family, shared by test/vecmath.test.ts and
// scripts/measure_ulp.ts.

import * as torchNs from '../../src/index.js';
import { around } from './ulp.js';
import { erf, erfc } from '../../src/js/kernels/scalar_math.js';

type Tensor = torchNs.Tensor;
const F = torchNs.nn.functional;

export interface Transcendental {
  name: string;
  run: (x: Tensor) => Tensor;
  /** the float64 reference */
  ref: (x: number) => number;
  /** inputs where the op changes regime: overflow and underflow thresholds, branch points */
  edges: number[];
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
/** ln(1 + eᶻ) without overflow. */
const log1pExp = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
const both = (x: number) => [...around(x), ...around(-x)];

export const transcendentals: Transcendental[] = [
  // exp overflows past ln(FLT_MAX), turns subnormal below ln(FLT_MIN) and underflows to 0 near −103.97
  { name: 'exp', run: (x) => x.exp(), ref: Math.exp, edges: [...around(88.7228394), ...around(-87.3365479), ...around(-103.972076), ...around(-103.278931)] },
  { name: 'log', run: (x) => x.log(), ref: Math.log, edges: [...around(Math.SQRT2), ...around(Math.SQRT1_2), ...around(2), ...around(0.5), -1, -1e-45] },
  // sigmoid's result turns subnormal below −87.34 and saturates to 1 above 16.6
  { name: 'sigmoid', run: (x) => x.sigmoid(), ref: sigmoid, edges: [...around(-87.3365479), ...around(-103.972076), ...around(16.6355324), ...around(88.7228394)] },
  // tanh switches from its polynomial at |x| = 0.75 and saturates near 9.01
  { name: 'tanh', run: (x) => x.tanh(), ref: Math.tanh, edges: [...around(0.75), ...around(-0.75), ...around(9.01091290), ...around(-9.01091290), ...around(44.36)] },
  // the float64-pair kernels (assembly/kernels/vecmath_wide.ts): expm1 rounds to −1 below −17.33,
  // its reduction switches n at ±ln2/2; exp's clamp is at ±200
  { name: 'expm1', run: (x) => x.expm1(), ref: Math.expm1, edges: [...around(88.7228394), ...around(-17.3286800), ...both(0.34657359), ...both(2 ** -25), ...both(200)] },
  // log1p: u = 1 + x rounds to 1 below 2^−53, x = −1 gives −inf and below it NaN
  { name: 'log1p', run: (x) => x.log1p(), ref: Math.log1p, edges: [...around(-1), ...both(2 ** -53), ...around(Math.SQRT2 - 1), ...around(Math.SQRT1_2 - 1), -2, -Infinity] },
  // erf: Cephes's branches at |x| = 1 and 8, and float32's 1 from 3.92
  { name: 'erf', run: (x) => x.erf(), ref: erf, edges: [...both(1), ...both(8), ...both(3.9192059)] },
  // silu = x/(1 + e^−x): NaN at −inf (−inf/inf, as PyTorch); e^−x overflows float32 below −88.72 (float64 does not) and
  // the result underflows near −108
  { name: 'silu', run: (x) => F.silu(x), ref: (x) => x / (1 + Math.exp(-x)), edges: [...around(-88.7228394), ...around(-103.972076), ...around(-108.1), ...around(16.6355324)] },
  // gelu = ½x·erfc(−x/√2): Cephes's branches at |x|/√2 = 1 and 8; the result underflows near −14.2
  { name: 'gelu', run: (x) => F.gelu(x), ref: (x) => 0.5 * x * erfc(-x * Math.SQRT1_2), edges: [...both(Math.SQRT2), ...both(11.3137085), ...around(-14.2), ...around(-5.5)] },
  // gelu tanh = x·σ(2u), u = √(2/π)(x + 0.044715x³); x³ overflows float32 beyond 6.98e12
  {
    name: 'gelu tanh', run: (x) => F.gelu(x, { approximate: 'tanh' }),
    ref: (x) => x * sigmoid(1.5957691216057308 * (x + 0.044715 * x * x * x)), edges: [...both(6.98e12), ...around(-10), ...around(-9.3)],
  },
  // softplus: linear above the threshold (20), the logarithm underflows near −103.97
  { name: 'softplus', run: (x) => F.softplus(x), ref: (x) => (x > 20 ? x : log1pExp(x)), edges: [...around(20), ...around(-103.972076), ...around(-87.3365479)] },
  // beta 2, threshold 1: x·beta and the division by beta in float32, as PyTorch's kernel
  {
    name: 'softplus β=2', run: (x) => F.softplus(x, 2, 1),
    ref: (x) => (Math.fround(2 * x) > 1 ? x : Math.fround(log1pExp(Math.fround(2 * x))) / 2), edges: [...around(0.5), ...around(1.7e38)],
  },
  // sin, cos (assembly/kernels/vecmath_trig.ts): the float32 values nearest a multiple of π/2 below 10⁶ (the hardest
  // reductions), the quadrant switches, the SIMD reduction's limit 10⁶ and large arguments past it
  ...(['sin', 'cos'] as const).map((name) => ({
    name, run: (x: Tensor) => x[name](), ref: Math[name],
    edges: [252.89820861816406, 505.7964172363281, 4.71238899230957, 52516.43359375, 1011.5928344726562, 9.42477798461914,
      ...both(Math.PI / 4), ...both(Math.PI / 2), ...both(Math.PI), ...both(1e6), ...both(1.6e6), ...both(1e30), ...both(3.4e38)],
  })),
  // pow with a number exponent (vecmath_wide.ts's powScalarV, not one of the exponents PyTorch special-cases): x near 1,
  // and the x where the result overflows, turns subnormal and underflows; negative x for integer exponents
  ...[2.5, -1.75, 7, 4, 0.375, -3].map((c) => ({
    name: `pow ${c}`, run: (x: Tensor) => x.pow(c), ref: (x: number) => (x === 1 ? 1 : Math.pow(x, c)),
    edges: [...both(1), ...both(3.4028235e38 ** (1 / c)), ...both(2 ** (-126 / c)), ...both(2 ** (-149 / c)), ...both(2 ** (-150 / c)), -2, -0.5],
  })),
];

/** Rows of several lengths (SIMD tails included), with -inf entries, an all -inf row and a NaN row. */
export function softmaxRows(): number[][] {
  const rows: number[][] = [];
  for (const n of [1, 2, 3, 4, 5, 7, 8, 13, 64, 1000, 1027]) {
    rows.push(Array.from({ length: n }, (_, i) => Math.fround(Math.sin(i * 2.3 + n) * 9)));
  }
  rows.push([0.5, -Infinity, 2, -Infinity, 1, 3]);
  rows.push([-Infinity, -Infinity, -Infinity, -Infinity, -Infinity]);
  rows.push([1, 2, NaN, 4, 5]);
  rows.push(Array.from({ length: 9 }, (_, i) => Math.fround(80 + i))); // large logits: exp of x − max stays finite
  return rows;
}

/**
 * softmax or log_softmax of one row in float64 after PyTorch's one float32
 * step, the rounding of x − max (which alone can move a tiny probability by
 * |x − max| ulp, on both devices as in PyTorch). NaN rows stay NaN, all −inf
 * rows give NaN as in PyTorch.
 */
export function softmaxReference(row: number[], isLog: boolean): number[] {
  const m = Math.max(...row);
  const d = row.map((v) => Math.fround(v - m));
  const s = d.reduce((a, v) => a + Math.exp(v), 0);
  return d.map((v) => (isLog ? v - Math.log(s) : Math.exp(v) / s));
}
