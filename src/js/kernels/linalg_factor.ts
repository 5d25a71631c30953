// The factorizations behind torch.linalg's det / slogdet / solve / cholesky / qr / eigh /
// solve_triangular (src/ops/linalg_factor.ts), on one row-major float64 matrix at a time.
//
// Why host code shared by both devices rather than a kernel per device: these run once per
// matrix (O(n³) on small n, where the call overhead is not the cost), every step is + − × / and
// sqrt, correctly rounded in float64 on any engine, so one copy gives both devices the same bits;
// their derivatives are compositions of recorded ops, so nothing of the tape needs them. Each
// follows the LAPACK routine PyTorch calls where the result depends on the algorithm's choices
// (getrf's pivots, potrf's failing minor, geqrf's Householder signs); eigh's eigenvectors are
// unique only up to sign, and Jacobi's signs are not syevd's.

/**
 * LU with partial pivoting (LAPACK getrf) of the n×n matrix a, in place: piv[k] is the row swapped
 * with k. Returns the first zero pivot, 1-based (0: none), as getrf's info.
 */
export function luInPlace(a: Float64Array, n: number, piv: Int32Array): number {
  let info = 0;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best || (best !== best && v === v)) { best = v; p = i; }
    }
    piv[k] = p;
    if (p !== k) for (let j = 0; j < n; j++) { const t = a[k * n + j]; a[k * n + j] = a[p * n + j]; a[p * n + j] = t; }
    const d = a[k * n + k];
    if (d === 0) { if (!info) info = k + 1; continue; }
    for (let i = k + 1; i < n; i++) {
      const l = (a[i * n + k] /= d);
      if (l !== 0) for (let j = k + 1; j < n; j++) a[i * n + j] -= l * a[k * n + j];
    }
  }
  return info;
}

/** The sign of the permutation of an LU's pivots, and its diagonal: det's factors. */
export function luDiagonal(lu: Float64Array, n: number, piv: Int32Array): { sign: number; diag: Float64Array } {
  let sign = 1;
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (piv[k] !== k) sign = -sign;
    diag[k] = lu[k * n + k];
  }
  return { sign, diag };
}

/** Solves LU·x = P·b in place for the k columns of b (n×k), after luInPlace (getrs). */
export function luSolve(lu: Float64Array, n: number, piv: Int32Array, b: Float64Array, k: number): void {
  for (let i = 0; i < n; i++) {
    const p = piv[i];
    if (p !== i) for (let j = 0; j < k; j++) { const t = b[i * k + j]; b[i * k + j] = b[p * k + j]; b[p * k + j] = t; }
  }
  triangularSolve(lu, n, b, k, false, true);
  triangularSolve(lu, n, b, k, true, false);
}

/**
 * Solves T·x = b in place for the k columns of b (n×k), T the upper or lower triangle of t (n×n),
 * with ones on its diagonal when `unit` (trsm, left side).
 */
export function triangularSolve(t: Float64Array, n: number, b: Float64Array, k: number, upper: boolean, unit: boolean): void {
  for (let s = 0; s < n; s++) {
    const i = upper ? n - 1 - s : s;
    for (let j = 0; j < k; j++) {
      let x = b[i * k + j];
      if (upper) for (let c = i + 1; c < n; c++) x -= t[i * n + c] * b[c * k + j];
      else for (let c = 0; c < i; c++) x -= t[i * n + c] * b[c * k + j];
      b[i * k + j] = unit ? x : x / t[i * n + i];
    }
  }
}

/**
 * The Cholesky factor L (A = L·Lᵀ) of the n×n matrix a from its lower triangle (potrf, uplo L),
 * in place, zeros above the diagonal. Returns the order of the first leading minor that is not
 * positive-definite (a NaN pivot included, as potrf), 0 when none.
 */
export function choleskyInPlace(a: Float64Array, n: number): number {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let c = 0; c < j; c++) d -= a[j * n + c] * a[j * n + c];
    if (!(d > 0)) return j + 1;
    d = Math.sqrt(d);
    a[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let x = a[i * n + j];
      for (let c = 0; c < j; c++) x -= a[i * n + c] * a[j * n + c];
      a[i * n + j] = x / d;
    }
    for (let c = j + 1; c < n; c++) a[j * n + c] = 0;
  }
  return 0;
}

/**
 * LAPACK's geqr2 on the row-major m×n matrix w in place: R above the diagonal, each reflector's v
 * (its leading 1 implied) below, τ into taus (min(m, n)). Each reflector is dlarfg's: β =
 * −sign(α)·‖(α, x)‖ (a zero x leaves the column as it is, τ = 0), so R's signs are LAPACK's.
 */
export function geqrf(w: Float64Array, m: number, n: number, taus: Float64Array): void {
  const k = Math.min(m, n);
  for (let j = 0; j < k; j++) {
    const alpha = w[j * n + j];
    let xnorm = 0;
    for (let i = j + 1; i < m; i++) xnorm = Math.hypot(xnorm, w[i * n + j]);
    taus[j] = 0;
    if (xnorm === 0) continue; // tau 0: H = I
    const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xnorm);
    const tau = (beta - alpha) / beta, scale = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) w[i * n + j] *= scale;
    w[j * n + j] = beta;
    taus[j] = tau;
    // H·C for the columns right of j: C -= tau·v·(vᵀC), v = (1, w[j+1.., j])
    for (let c = j + 1; c < n; c++) {
      let s = w[j * n + c];
      for (let i = j + 1; i < m; i++) s += w[i * n + j] * w[i * n + c];
      s *= tau;
      w[j * n + c] -= s;
      for (let i = j + 1; i < m; i++) w[i * n + c] -= s * w[i * n + j];
    }
  }
}

/**
 * Householder QR of the m×n matrix a ({@link geqrf} then orgqr): r gets R (rows × n, rows = m
 * when `complete`, else min(m, n)), q gets Q (m × rows).
 */
export function householderQr(a: Float64Array, m: number, n: number, complete: boolean, q: Float64Array | null, r: Float64Array): void {
  const k = Math.min(m, n), rows = complete ? m : k;
  const w = Float64Array.from(a), taus = new Float64Array(k);
  geqrf(w, m, n, taus);
  r.fill(0);
  for (let i = 0; i < Math.min(rows, m); i++) for (let c = i; c < n; c++) r[i * n + c] = w[i * n + c];
  if (!q) return;
  // Q = H0·H1·…·H(k−1) applied to the first `rows` columns of the identity, last reflector first
  q.fill(0);
  for (let i = 0; i < rows; i++) q[i * rows + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const tau = taus[j];
    if (tau === 0) continue;
    for (let c = 0; c < rows; c++) {
      let s = q[j * rows + c];
      for (let i = j + 1; i < m; i++) s += w[i * n + j] * q[i * rows + c];
      s *= tau;
      q[j * rows + c] -= s;
      for (let i = j + 1; i < m; i++) q[i * rows + c] -= s * w[i * n + j];
    }
  }
}

/**
 * The eigenvalues (ascending, into l) and eigenvectors (the columns of v, n×n) of the symmetric
 * matrix one triangle of a holds (`upper`: syevd's uplo), by cyclic Jacobi rotations: a rotation
 * is skipped once |a_pq| is below ε·sqrt(|a_pp·a_qq|), which keeps small eigenvalues to full
 * relative accuracy. A NaN anywhere makes every value NaN.
 */
export function jacobiEigh(a: Float64Array, n: number, upper: boolean, l: Float64Array, v: Float64Array | null): void {
  const s = new Float64Array(n * n), vec = new Float64Array(n * n);
  let finite = true;
  for (let i = 0; i < n; i++) {
    vec[i * n + i] = 1;
    for (let j = 0; j <= i; j++) {
      const x = upper ? a[j * n + i] : a[i * n + j];
      if (!Number.isFinite(x)) finite = false;
      s[i * n + j] = s[j * n + i] = x;
    }
  }
  if (!finite) {
    l.fill(NaN);
    v?.fill(NaN);
    return;
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let qq = p + 1; qq < n; qq++) {
        const apq = s[p * n + qq], app = s[p * n + p], aqq = s[qq * n + qq];
        if (apq === 0) continue;
        if (Math.abs(apq) <= 2.220446049250313e-16 * Math.sqrt(Math.abs(app * aqq))) {
          s[p * n + qq] = s[qq * n + p] = 0;
          continue;
        }
        rotated = true;
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), sn = t * c;
        for (let k = 0; k < n; k++) {
          const xp = s[k * n + p], xq = s[k * n + qq];
          s[k * n + p] = c * xp - sn * xq;
          s[k * n + qq] = sn * xp + c * xq;
        }
        for (let k = 0; k < n; k++) {
          const xp = s[p * n + k], xq = s[qq * n + k];
          s[p * n + k] = c * xp - sn * xq;
          s[qq * n + k] = sn * xp + c * xq;
        }
        s[p * n + qq] = s[qq * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const xp = vec[k * n + p], xq = vec[k * n + qq];
          vec[k * n + p] = c * xp - sn * xq;
          vec[k * n + qq] = sn * xp + c * xq;
        }
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => s[x * n + x] - s[y * n + y] || x - y);
  order.forEach((o, j) => {
    l[j] = s[o * n + o];
    if (v) for (let i = 0; i < n; i++) v[i * n + j] = vec[i * n + o];
  });
}
