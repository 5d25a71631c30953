// The thin SVD of one m×n matrix on the wasm device, step for step as src/js/kernels/svd.ts
// (which says why: one-sided Jacobi on the smaller Gram side, in f64, so the devices agree bit for bit).

import { allocZeroed, free } from '../alloc';

/** Rotations stop when |wp·wq| ≤ TOL·‖wp‖‖wq‖ for every pair (float64's epsilon, about). */
const TOL: f64 = 2.220446049250313e-16;
const MAX_SWEEPS = 64;

// @ts-ignore: decorator
@inline function el(p: usize, i: i32): usize { return p + (<usize>i << 3); }

/**
 * The SVD of matrix `a` (row-major m×n of T): writes s (k = min(m, n), descending), u (m×k) and
 * vh (k×n), row-major, rounded to T: 0, 1 when a has a NaN (LAPACK's gesdd refuses it; PyTorch
 * raises), -1 when scratch memory is exhausted.
 */
export function jacobiSvd<T>(a: usize, m: i32, n: i32, u: usize, s: usize, vh: usize): i32 {
  const tall = m >= n, r = tall ? m : n, c = tall ? n : m;
  // w: c columns of length r (column j at j·r); v: c×c rotations; q: the normalised columns;
  // norms and order: the singular values and their columns in descending order
  const w = allocZeroed((<usize>(r * c + c * c + r * c + 2 * c) << 3) + 8), v = w + (<usize>(r * c) << 3);
  if (!w) return -1;
  const q = v + (<usize>(c * c) << 3), norms = q + (<usize>(r * c) << 3), sv = norms + (<usize>c << 3);
  const order = allocZeroed(<usize>(c + 1) << 2);
  if (!order) { free(w); return -1; }
  // scaled by the largest |a| (as LAPACK), so the squared norms of float64 inputs cannot overflow
  let big: f64 = 0;
  for (let i = 0; i < m * n; i++) {
    const x = Math.abs(<f64>load<T>(a + (<usize>i << alignof<T>())));
    if (x > big) big = x;
    if (x != x) return 1;
  }
  if (big == Infinity) { fillNaN<T>(u, m * min(m, n)); fillNaN<T>(s, min(m, n)); fillNaN<T>(vh, min(m, n) * n); return 0; } // ±inf: all NaN, as LAPACK
  const scale = big > 0 && big < Infinity ? big : 1.0;
  for (let j = 0; j < c; j++) {
    for (let i = 0; i < r; i++) {
      store<f64>(el(w, j * r + i), <f64>load<T>(a + (<usize>(tall ? i * n + j : j * n + i) << alignof<T>())) / scale);
    }
    store<f64>(el(v, j * c + j), 1);
  }
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < c - 1; p++) {
      for (let qq = p + 1; qq < c; qq++) {
        let alpha: f64 = 0, beta: f64 = 0, gamma: f64 = 0;
        for (let i = 0; i < r; i++) {
          const x = load<f64>(el(w, p * r + i)), y = load<f64>(el(w, qq * r + i));
          alpha += x * x; beta += y * y; gamma += x * y;
        }
        if (!(Math.abs(gamma) > TOL * Math.sqrt(alpha) * Math.sqrt(beta))) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.abs(zeta) > 1e150 ? 0.5 / zeta : (zeta >= 0 ? 1.0 : -1.0) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t), sn = cs * t;
        rotate(el(w, p * r), el(w, qq * r), r, cs, sn);
        rotate(el(v, p * c), el(v, qq * c), c, cs, sn);
      }
    }
    if (!rotated) break;
  }
  // singular values: the column norms, in descending order (insertion sort: ties keep their column order)
  for (let j = 0; j < c; j++) {
    let ss: f64 = 0;
    for (let i = 0; i < r; i++) { const x = load<f64>(el(w, j * r + i)); ss += x * x; }
    const nj = Math.sqrt(ss);
    store<f64>(el(norms, j), nj);
    let at = j;
    while (at > 0 && load<f64>(el(norms, load<i32>(order + (<usize>(at - 1) << 2)))) < nj) {
      store<i32>(order + (<usize>at << 2), load<i32>(order + (<usize>(at - 1) << 2)));
      at--;
    }
    store<i32>(order + (<usize>at << 2), j);
  }
  // the sorted values, and the normalised columns (long side) completed to an orthonormal set where a value is zero
  for (let k = 0; k < c; k++) {
    const j = load<i32>(order + (<usize>k << 2)), x = load<f64>(el(norms, j));
    store<f64>(el(sv, k), x);
    if (x > 0) for (let i = 0; i < r; i++) store<f64>(el(q, k * r + i), load<f64>(el(w, j * r + i)) / x);
  }
  for (let k = 0; k < c; k++) if (!(load<f64>(el(sv, k)) > 0)) complete(q, k, r, c, sv);
  // A = Q·Σ·Vᵀ (m ≥ n) or Aᵀ = Q·Σ·Vᵀ, so A = V·Σ·Qᵀ (m < n)
  const k = c, sh = alignof<T>();
  for (let col = 0; col < k; col++) {
    const j = load<i32>(order + (<usize>col << 2));
    store<T>(s + (<usize>col << sh), <T>(load<f64>(el(sv, col)) * scale));
    for (let i = 0; i < r; i++) {
      const x = <T>load<f64>(el(q, col * r + i));
      if (tall) store<T>(u + (<usize>(i * k + col) << sh), x); else store<T>(vh + (<usize>(col * n + i) << sh), x);
    }
    for (let i = 0; i < c; i++) {
      const x = <T>load<f64>(el(v, j * c + i));
      if (tall) store<T>(vh + (<usize>(col * n + i) << sh), x); else store<T>(u + (<usize>(i * k + col) << sh), x);
    }
  }
  free(order);
  free(w);
  return 0;
}

function fillNaN<T>(p: usize, count: i32): void {
  for (let i = 0; i < count; i++) store<T>(p + (<usize>i << alignof<T>()), <T>NaN);
}

/** Columns at p and q (len f64s) rotated: p ← c·p − s·q, q ← s·p + c·q. */
function rotate(p: usize, q: usize, len: i32, cs: f64, sn: f64): void {
  for (let i = 0; i < len; i++) {
    const xp = load<f64>(el(p, i)), xq = load<f64>(el(q, i));
    store<f64>(el(p, i), cs * xp - sn * xq);
    store<f64>(el(q, i), sn * xp + cs * xq);
  }
}

/**
 * Column k of q (a zero singular value) set to the first unit vector e_i that stays nonzero after
 * Gram–Schmidt against the other columns with nonzero values and the completed ones before k.
 */
function complete(q: usize, k: i32, r: i32, c: i32, s: usize): void {
  const col = el(q, k * r);
  for (let e = 0; e < r; e++) {
    for (let i = 0; i < r; i++) store<f64>(el(col, i), i == e ? 1.0 : 0.0);
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < c; j++) {
        if (j == k || (!(load<f64>(el(s, j)) > 0) && j > k)) continue;
        const other = el(q, j * r);
        let d: f64 = 0;
        for (let i = 0; i < r; i++) d += load<f64>(el(other, i)) * load<f64>(el(col, i));
        for (let i = 0; i < r; i++) store<f64>(el(col, i), load<f64>(el(col, i)) - d * load<f64>(el(other, i)));
      }
    }
    let ss: f64 = 0;
    for (let i = 0; i < r; i++) { const x = load<f64>(el(col, i)); ss += x * x; }
    const nrm = Math.sqrt(ss);
    if (nrm > 0.5) {
      for (let i = 0; i < r; i++) store<f64>(el(col, i), load<f64>(el(col, i)) / nrm);
      return;
    }
  }
}
