// A gradcheck in the spirit of torch.autograd.gradcheck: the analytic
// gradient from backward() against central finite differences
// (f(x + h) − f(x − h)) / 2h of a scalar function, element by element. The
// function is evaluated in float32, so h is large and the tolerance loose;
// it catches wrong formulas, not last-bit differences (the PyTorch fixtures
// check those).

import { expect } from 'vitest';
import { torch } from './torch.js';
import { tolerances } from './tolerances.js';

export function gradcheck(
  fn: (...xs: torch.Tensor[]) => torch.Tensor, inputs: torch.Tensor[], h = 1e-2,
  tol = tolerances.gradcheck,
): void {
  const leaves = inputs.map((t) => t.detach().requires_grad_());
  const out = fn(...leaves);
  expect(out.numel(), 'gradcheck needs a scalar function').toBe(1);
  out.sum().backward();
  leaves.forEach((leaf, i) => {
    const analytic = Array.from(leaf.grad!.dataSync());
    const base = Array.from(leaf.dataSync());
    const dev = leaf.device;
    for (let j = 0; j < base.length; j++) {
      const at = (delta: number) => torch.no_grad(() => torch.tidy(() => {
        const moved = base.slice();
        moved[j] += delta;
        const xs = inputs.map((t, k) => (k === i ? torch.tensor(moved, { device: dev }).reshape(t.shape) : t));
        return fn(...xs).item();
      }));
      const numeric = (at(h) - at(-h)) / (2 * h);
      const err = Math.abs(numeric - analytic[j]);
      if (err > tol.atol + tol.rtol * Math.abs(numeric)) {
        expect.fail(`input ${i} element ${j}: analytic ${analytic[j]}, numeric ${numeric}`);
      }
    }
  });
}
