// Reductions 2 (prod, var, std, nansum, norm, aminmax) of the js device, step by step as the wasm
// device's assembly/ops/reduce_stats.ts (the same roundings: f32's for float32, none for
// float64, through the `f` each kernel is given): the input is walked in run order (kept dims
// first, reduced dims last), one run per output element.

import { Op, DType } from '../../../abi/abi.js';
import { JsTensor, empty, record, roundOf } from '../tensor.js';
import { reducedShape } from '../../shape.js';

type Floats = Float32Array | Float64Array;
type Round = (x: number) => number;
const roundFor = (x: Floats): Round => roundOf(x instanceof Float64Array ? DType.Float64 : DType.Float32);

/** The offsets of the elements of a tensor of this shape in run order. */
export function runOrder(shape: readonly number[], mask: number): Int32Array {
  const sizes: number[] = [], strides: number[] = [];
  for (const pass of [0, 1]) {
    for (let d = 0; d < shape.length; d++) {
      if (((mask >> d) & 1) !== pass) continue;
      let stride = 1;
      for (let e = d + 1; e < shape.length; e++) stride *= shape[e];
      sizes.push(shape[d]);
      strides.push(stride);
    }
  }
  let n = 1;
  for (const s of shape) n *= s;
  const ord = new Int32Array(n), cnt = new Array<number>(sizes.length).fill(0);
  for (let i = 0, off = 0; i < n; i++) {
    ord[i] = off;
    for (let j = sizes.length - 1; j >= 0; j--) {
      const c = cnt[j] + 1;
      if (c < sizes[j]) { cnt[j] = c; off += strides[j]; break; }
      cnt[j] = 0;
      off -= strides[j] * (c - 1);
    }
  }
  return ord;
}

const count = (shape: readonly number[], mask: number): number => shape.reduce((n, s, d) => (mask & (1 << d) ? n * s : n), 1);

/** The p-norm of a run (f64 sums): a count for p = 0, max / min |x| for ±inf (NaN wins), 0 when empty. */
function normOf(f: Round, x: Floats, ord: Int32Array, b: number, n: number, p: number): number {
  if (n === 0) return 0;
  const inf = p === Infinity || p === -Infinity;
  let acc = inf ? Math.abs(x[ord[b]]) : 0;
  for (let j = 0; j < n; j++) {
    const a = Math.abs(x[ord[b + j]]);
    if (a !== a && p !== 0) return NaN; // a count (p = 0) counts NaN as nonzero
    if (p === Infinity) acc = Math.max(acc, a);
    else if (p === -Infinity) acc = Math.min(acc, a);
    else if (p === 0) acc += a !== 0 ? 1 : 0;
    else if (p === 1) acc += a;
    else if (p === 2) acc += a * a;
    else acc += Math.pow(a, p);
  }
  return f(inf || p === 0 || p === 1 ? acc : p === 2 ? Math.sqrt(acc) : Math.pow(acc, 1 / p));
}

const sgn = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);

/** norm's derivative for one element (PyTorch's norm_backward); m: inf norms' argmax mask, cnt its count. */
function normGrad(f: Round, v: number, g: number, r: number, p: number, m: number, cnt: number): number {
  const a = Math.abs(v);
  if (p === 0) return 0;
  if (p === 1) return f(sgn(v) * g);
  if (p === 2) return f(g * (r === 0 ? 0 : f(v / r)));
  if (p === Infinity || p === -Infinity) return f(sgn(v) * f(f(g / cnt) * m));
  if (p < 1) return f(f(f(sgn(v) * (v === 0 ? 0 : f(Math.pow(a, p - 1)))) * g) * f(Math.pow(r, 1 - p)));
  const sv = r === 0 ? 0 : f(g / f(Math.pow(r, p - 1)));
  return f((p < 2 ? f(sgn(v) * f(Math.pow(a, p - 1))) : f(v * f(Math.pow(a, p - 2)))) * sv);
}

/** The reduction of the run of n elements starting at run index b. */
function runValue(f: Round, op: Op, x: Floats, ord: Int32Array, b: number, n: number, p: number): number {
  switch (op) {
    case Op.Prod: case Op.ProdDim: {
      let acc = 1;
      for (let j = 0; j < n; j++) acc = f(acc * x[ord[b + j]]);
      return acc;
    }
    case Op.Var: case Op.Std: case Op.VarMean: case Op.StdMean: {
      // two passes in f64; the divisor is max(0, n − correction), as PyTorch
      let sum = 0, m2 = 0;
      for (let j = 0; j < n; j++) sum += x[ord[b + j]];
      const mean = sum / n;
      for (let j = 0; j < n; j++) { const d = x[ord[b + j]] - mean; m2 += d * d; }
      const v = m2 / Math.max(0, n - p);
      return f(op === Op.Std || op === Op.StdMean ? Math.sqrt(v) : v);
    }
    case Op.Nansum: {
      let sum = 0;
      for (let j = 0; j < n; j++) { const v = x[ord[b + j]]; if (v === v) sum += v; }
      return f(sum);
    }
    case Op.Norm: case Op.VectorNorm: return normOf(f, x, ord, b, n, p);
    case Op.Aminmax: { // p 0: the min, 1: the max (NaN wins); n > 0 (the TS layer checks)
      let m = x[ord[b]];
      for (let j = 1; j < n; j++) {
        const v = x[ord[b + j]];
        if (v !== v || (p === 0 ? v < m : v > m)) m = v;
        if (m !== m) break;
      }
      return m;
    }
    default: throw new Error(`reduce2: op ${op}`);
  }
}

/** op over the dims in mask; records (s0 = p, s1 = flag, i0 = mask, i1 = keepdim), saving input and result. */
export function reduce2(op: Op, a: JsTensor, mask: number, keepdim: boolean, p: number, flag: number): JsTensor {
  const n = count(a.shape, mask), ord = runOrder(a.shape, mask);
  const out = empty(reducedShape(a.shape, mask, keepdim), a.dtype), o = out.data as Floats, f = roundOf(a.dtype);
  for (let i = 0; i < o.length; i++) o[i] = runValue(f, op, a.data as Floats, ord, i * n, n, p);
  const r = record(op, out, [a]);
  if (r) { r.s0 = p; r.s1 = flag; r.i0 = mask; r.i1 = keepdim ? 1 : 0; r.saved = [a]; r.savesResult = true; }
  return out;
}

/** The gradient of every element of the run at b into out, from g and the result r of its output element. */
function runGrad(f: Round, op: Op, mode: number, x: Floats, ord: Int32Array, b: number, n: number, g: number, r: number, out: Floats, p: number): void {
  switch (op) {
    case Op.Prod: case Op.ProdDim: {
      // mode 0: g·(r / x); 1: g·(the product of the others, as exclusive cumprods from both sides); 2: zeros
      if (mode === 1) {
        let pre = 1;
        for (let j = 0; j < n; j++) { const i = ord[b + j]; out[i] = pre; pre = f(pre * x[i]); }
        let suf = 1;
        for (let j = n - 1; j >= 0; j--) { const i = ord[b + j]; out[i] = f(g * f(out[i] * suf)); suf = f(suf * x[i]); }
        return;
      }
      for (let j = 0; j < n; j++) { const i = ord[b + j]; out[i] = mode === 0 ? f(g * f(r / x[i])) : 0; }
      return;
    }
    case Op.Var: case Op.Std: case Op.VarMean: case Op.StdMean: {
      // std: g / (2·result) (0 where the result is 0), then var's (2 / (n − correction))·g·(x − mean);
      // mode 1 (no dim, or 0-d) with n − correction ≤ 0: g·inf
      if (op === Op.Std || op === Op.StdMean) g = r === 0 ? 0 : f(g / f(r * 2));
      const dof = n - p;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += x[ord[b + j]];
      const mean = f(sum / n), c = f(2 / dof), gi = g * Infinity;
      for (let j = 0; j < n; j++) { const i = ord[b + j]; out[i] = mode === 1 && dof <= 0 ? gi : f(f(c * g) * f(x[i] - mean)); }
      return;
    }
    case Op.Nansum: // g·(x is not NaN)
      for (let j = 0; j < n; j++) { const i = ord[b + j]; out[i] = f(g * (x[i] === x[i] ? 1 : 0)); }
      return;
    case Op.Norm: case Op.VectorNorm: {
      let cnt = 0; // ±inf: the count of elements at the norm (or NaN)
      if (p === Infinity || p === -Infinity) {
        for (let j = 0; j < n; j++) { const v = Math.abs(x[ord[b + j]]); if (v === r || v !== v) cnt++; }
      }
      for (let j = 0; j < n; j++) {
        const i = ord[b + j], a = Math.abs(x[i]);
        out[i] = normGrad(f, x[i], g, r, p, a === r || a !== a ? 1 : 0, cnt);
      }
      return;
    }
    default: throw new Error(`reduce2: op ${op}`);
  }
}

/** How the derivative treats the whole tensor (prod: whether and how many zeros it holds; var: 1 without dim or 0-d). */
function gradMode(op: Op, x: Floats, nd: number, flag: number): number {
  if (op === Op.Var || op === Op.Std || op === Op.VarMean || op === Op.StdMean) return flag || nd === 0 ? 1 : 0;
  if (op !== Op.Prod && op !== Op.ProdDim) return 0;
  let zeros = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === 0) zeros++;
  if (zeros === 0) return 0;
  return op === Op.Prod && zeros > 1 ? 2 : 1;
}

/** The derivative of reduce2 into out (shaped like x): g and res in output order. */
export function reduce2Grad(
  op: Op, x: Floats, shape: readonly number[], mask: number, g: Floats, res: Floats, out: Floats, p: number, flag: number,
): void {
  const f = roundFor(out);
  if (shape.length === 0 && (op === Op.Prod || op === Op.ProdDim)) { out[0] = g[0]; return; } // a 0-dim product is the element itself
  const n = count(shape, mask), ord = runOrder(shape, mask), m = n ? x.length / n : 0, mode = gradMode(op, x, shape.length, flag);
  for (let o = 0; o < m; o++) runGrad(f, op, mode, x, ord, o * n, n, g[o], res[o], out, p);
}
