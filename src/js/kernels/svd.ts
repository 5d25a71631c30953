// The thin SVD of one m×n matrix on the js device, step for step as assembly/kernels/svd.ts.
//
// Why one-sided Jacobi (Hestenes): it is short, needs no bidiagonalisation or shifts, is accurate
// for small singular values, and uses only + − × / and sqrt, which are correctly rounded in both
// float64 JS numbers and AssemblyScript's f64: run in float64 on both devices (float32 inputs
// converted first, the results rounded once), the two devices agree bit for bit. It works on
// the smaller Gram side: the c = min(m, n) columns of A (m ≥ n) or of Aᵀ (m < n), each of
// length r = max(m, n), are rotated pairwise until orthogonal; their norms are the singular
// values, the normalised columns one factor and the accumulated rotations the other.

/** Rotations stop when |wp·wq| ≤ TOL·‖wp‖‖wq‖ for every pair (float64's epsilon, about). */
const TOL = 2.220446049250313e-16;
const MAX_SWEEPS = 64;

/**
 * The SVD of a (row-major m×n, float64 values): writes s (k = min(m, n), descending), u (m×k,
 * row-major) and vh (k×n, row-major) as float64 numbers; the caller rounds them to its dtype.
 * False when a has a NaN (LAPACK's gesdd refuses it; PyTorch raises).
 */
export function jacobiSvd(a: ArrayLike<number>, off: number, m: number, n: number, u: Float64Array, s: Float64Array, vh: Float64Array): boolean {
  const tall = m >= n, r = tall ? m : n, c = tall ? n : m;
  // w: c columns of length r (column j at j·r); v: c×c rotations, column j at j·c
  const w = new Float64Array(r * c), v = new Float64Array(c * c);
  // scaled by the largest |a| (as LAPACK), so the squared norms of float64 inputs cannot overflow
  let big = 0;
  for (let i = 0; i < m * n; i++) {
    const x = Math.abs(a[off + i]);
    if (x > big) big = x;
    if (x !== x) return false;
  }
  if (big === Infinity) { u.fill(NaN); s.fill(NaN); vh.fill(NaN); return true; } // ±inf: all NaN, as LAPACK
  const scale = big > 0 && big < Infinity ? big : 1;
  for (let j = 0; j < c; j++) {
    for (let i = 0; i < r; i++) w[j * r + i] = (tall ? a[off + i * n + j] : a[off + j * n + i]) / scale;
    v[j * c + j] = 1;
  }
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < c - 1; p++) {
      for (let q = p + 1; q < c; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < r; i++) {
          const x = w[p * r + i], y = w[q * r + i];
          alpha += x * x; beta += y * y; gamma += x * y;
        }
        if (!(Math.abs(gamma) > TOL * Math.sqrt(alpha) * Math.sqrt(beta))) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.abs(zeta) > 1e150 ? 0.5 / zeta : (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t), sn = cs * t;
        rotate(w, p * r, q * r, r, cs, sn);
        rotate(v, p * c, q * c, c, cs, sn);
      }
    }
    if (!rotated) break;
  }
  // singular values: the column norms, in descending order (ties keep their column order)
  const norms = new Float64Array(c), order = new Int32Array(c);
  for (let j = 0; j < c; j++) {
    let ss = 0;
    for (let i = 0; i < r; i++) ss += w[j * r + i] * w[j * r + i];
    norms[j] = Math.sqrt(ss);
    let at = j; // insertion sort, stable
    while (at > 0 && norms[order[at - 1]] < norms[j]) { order[at] = order[at - 1]; at--; }
    order[at] = j;
  }
  // the normalised columns (long side), completed to an orthonormal set where a value is zero
  const q = new Float64Array(r * c);
  for (let k = 0; k < c; k++) {
    const j = order[k], sv = norms[j];
    s[k] = sv * scale;
    if (sv > 0) for (let i = 0; i < r; i++) q[k * r + i] = w[j * r + i] / sv;
  }
  for (let k = 0; k < c; k++) if (!(s[k] > 0)) complete(q, k, r, c, s);
  // A = Q·Σ·Vᵀ (m ≥ n) or Aᵀ = Q·Σ·Vᵀ, so A = V·Σ·Qᵀ (m < n)
  const k = c;
  for (let col = 0; col < k; col++) {
    const j = order[col];
    for (let i = 0; i < r; i++) {
      if (tall) u[i * k + col] = q[col * r + i]; else vh[col * n + i] = q[col * r + i];
    }
    for (let i = 0; i < c; i++) {
      if (tall) vh[col * n + i] = v[j * c + i]; else u[i * k + col] = v[j * c + i];
    }
  }
  return true;
}

/** Columns p and q of x (length len, at offsets p and q) rotated: p ← c·p − s·q, q ← s·p + c·q. */
function rotate(x: Float64Array, p: number, q: number, len: number, cs: number, sn: number): void {
  for (let i = 0; i < len; i++) {
    const xp = x[p + i], xq = x[q + i];
    x[p + i] = cs * xp - sn * xq;
    x[q + i] = sn * xp + cs * xq;
  }
}

/**
 * Column k of q (a zero singular value) set to the first unit vector e_i that stays nonzero after
 * Gram–Schmidt against the other columns with nonzero values and the completed ones before k.
 */
function complete(q: Float64Array, k: number, r: number, c: number, s: Float64Array): void {
  for (let e = 0; e < r; e++) {
    for (let i = 0; i < r; i++) q[k * r + i] = i === e ? 1 : 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < c; j++) {
        if (j === k || (!(s[j] > 0) && j > k)) continue;
        let d = 0;
        for (let i = 0; i < r; i++) d += q[j * r + i] * q[k * r + i];
        for (let i = 0; i < r; i++) q[k * r + i] -= d * q[j * r + i];
      }
    }
    let ss = 0;
    for (let i = 0; i < r; i++) ss += q[k * r + i] * q[k * r + i];
    const nrm = Math.sqrt(ss);
    if (nrm > 0.5) {
      for (let i = 0; i < r; i++) q[k * r + i] /= nrm;
      return;
    }
  }
}
