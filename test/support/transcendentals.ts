// The transcendental ops with their float64 references and edge inputs, and
// rows for the softmax family, shared by test/vecmath.test.ts and
// scripts/measure_ulp.ts.

import type * as torchNs from '../../src/index.js';
import { around } from './ulp.js';

type Tensor = torchNs.Tensor;

export interface Transcendental {
  name: string;
  run: (x: Tensor) => Tensor;
  /** the float64 reference */
  ref: (x: number) => number;
  /** inputs where the op changes regime: overflow and underflow thresholds, branch points */
  edges: number[];
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export const transcendentals: Transcendental[] = [
  // exp overflows past ln(FLT_MAX), turns subnormal below ln(FLT_MIN) and underflows to 0 near −103.97
  { name: 'exp', run: (x) => x.exp(), ref: Math.exp, edges: [...around(88.7228394), ...around(-87.3365479), ...around(-103.972076), ...around(-103.278931)] },
  { name: 'log', run: (x) => x.log(), ref: Math.log, edges: [...around(Math.SQRT2), ...around(Math.SQRT1_2), ...around(2), ...around(0.5), -1, -1e-45] },
  // sigmoid's result turns subnormal below −87.34 and saturates to 1 above 16.6
  { name: 'sigmoid', run: (x) => x.sigmoid(), ref: sigmoid, edges: [...around(-87.3365479), ...around(-103.972076), ...around(16.6355324), ...around(88.7228394)] },
  // tanh switches from its polynomial at |x| = 0.75 and saturates near 9.01
  { name: 'tanh', run: (x) => x.tanh(), ref: Math.tanh, edges: [...around(0.75), ...around(-0.75), ...around(9.01091290), ...around(-9.01091290), ...around(44.36)] },
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
