// Tolerances per op family, in one place. Elementwise ops follow PyTorch's
// float formulas step by step, so they agree to float32 rounding; sums and
// products accumulate in another order (f64 here, cascade/blocked in
// PyTorch), so they get a little more room.

export interface Tolerance { rtol: number; atol: number }

/**
 * A family's tolerance for float64 results: a million times tighter (float64's epsilon
 * is 5·10⁸ times float32's), so a float64 op computed in float32 anywhere fails.
 */
export const float64Tolerance = (t: Tolerance): Tolerance => ({ rtol: t.rtol * 1e-6, atol: t.atol * 1e-6 });

export const tolerances: Record<string, Tolerance> = {
  elementwise: { rtol: 2e-6, atol: 1e-6 },
  reduction: { rtol: 1e-5, atol: 1e-6 },
  softmax: { rtol: 1e-5, atol: 1e-6 },
  // shape ops move values exactly; only expand's gradient sums
  shape: { rtol: 1e-6, atol: 1e-7 },
  matmul: { rtol: 1e-5, atol: 1e-5 },
  loss: { rtol: 1e-5, atol: 1e-6 },
  nn: { rtol: 1e-5, atol: 1e-5 },
  // central finite differences in float32 are only good to a few digits
  gradcheck: { rtol: 2e-2, atol: 2e-3 },
};
