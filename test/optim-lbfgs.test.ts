// optim.LBFGS against real PyTorch (test/fixtures/optim.json's "lbfgs", scripts/gen_optim_fixtures.py):
// an extended Rosenbrock function and the regression net, 6 step(closure) calls of each option set
// (fixed step or strong-Wolfe line search, lr, history_size, max_iter, max_eval, the tolerances) in
// float32 and float64: the returned loss, the parameters, func_evals and n_iter after each step;
// PyTorch's state_dict after step 2 (lists of tensors) loaded here resumes its run; memory stays
// flat once the history is full, on both devices.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture, type Device } from './support/torch.js';

const F = torch.nn.functional;
const { optim } = torch;

type Encoded = number | null | { tensor: TensorFixture } | Encoded[];
interface LbfgsCase {
  name: string; dtype: 'float32' | 'float64'; problem: 'rosenbrock' | 'mlp'; options: torch.optim.LBFGSOptions;
  init: TensorFixture[]; x?: TensorFixture; y?: TensorFixture; losses: number[]; params: TensorFixture[][];
  evals: Array<[number, number]>; state_dict_after_2: { state: Record<string, Record<string, Encoded>>; param_groups: Array<Record<string, unknown>> };
}
const cases = loadFixture<{ lbfgs: LbfgsCase[] }>('optim.json').lbfgs;

/** The objective as the generator composes it: each term in PyTorch's order. */
function setup(c: LbfgsCase, device: Device, init = c.init) {
  const params = init.map((t) => fromFixture(t, device, true));
  let objective: () => torch.Tensor;
  if (c.problem === 'rosenbrock') {
    const [x] = params;
    const n = x.shape[0];
    objective = () => {
      const a = x.narrow(0, 0, n - 1), b = x.narrow(0, 1, n - 1);
      return b.sub(a.pow(2)).pow(2).mul(100).add(a.neg().add(1).pow(2)).sum();
    };
  } else {
    const x = fromFixture(c.x!, device, false), y = fromFixture(c.y!, device, false);
    const [w0, b0, w2, b2] = params;
    objective = () => F.mse_loss(F.linear(F.relu(F.linear(x, w0, b0)), w2, b2), y);
  }
  const opt = new optim.LBFGS(params, c.options);
  const closure = () => { opt.zero_grad(); const l = objective(); l.backward(); return l; };
  return { params, opt, closure };
}

/**
 * Steps from..5 against the fixture. A run is chaotic: PyTorch's own float32 and float64 runs part
 * after a step or two, and last-bit differences (PyTorch's fused multiply-adds, its summation
 * order in dot and sum) grow through each step's 20-odd closure calls. So a float64 run is
 * checked at every step, the parameters to 5e-8 (expectClose's float64 tightening of 0.05) with
 * PyTorch's func_evals and n_iter, and a float32 run for its first step: the loss the closure
 * returns (before any update) to rounding, the parameters after its iterations to 1%.
 */
function run(c: LbfgsCase, s: ReturnType<typeof setup>, from: number): void {
  const exact = c.dtype === 'float64';
  for (let step = from; step < (exact ? c.losses.length : from + 1); step++) {
    const loss = torch.tidy(() => s.opt.step(s.closure)!.item());
    const expected = c.losses[step];
    expect(Math.abs(loss - expected), `step ${step + 1} loss ${loss} vs ${expected}`).toBeLessThanOrEqual(exact ? 1e-7 * (1 + Math.abs(expected)) : 1e-6 + 1e-5 * Math.abs(expected));
    const tol = exact ? { rtol: 0.05, atol: 0.005 } : { rtol: 1e-2, atol: 1e-3 };
    s.params.forEach((p, i) => expectClose(p, c.params[step][i], tol, `step ${step + 1} param ${i}`));
    const st = s.opt.state.get(s.params[0])!;
    if (exact) expect([st.func_evals, st.n_iter], `step ${step + 1} func_evals, n_iter`).toEqual(c.evals[step]);
  }
}

/**
 * PyTorch's state_dict as load_state_dict takes it: tensors decoded (inside lists too), and t, ro,
 * H_diag and al (the generator wrote their 0-dim tensors as numbers) 0-dim tensors again.
 */
function decode(sd: LbfgsCase['state_dict_after_2'], device: Device, dtype: LbfgsCase['dtype']): torch.optim.OptimizerStateDict {
  const dec = (v: Encoded, zeroDim: boolean): unknown => (Array.isArray(v) ? v.map((x) => dec(x, zeroDim))
    : v !== null && typeof v === 'object' ? fromFixture(v.tensor, device, false)
      : zeroDim && typeof v === 'number' ? torch.tensor(v, { dtype, device }) : v);
  const scalars = ['t', 'ro', 'H_diag', 'al'];
  const state = Object.fromEntries(Object.entries(sd.state).map(([k, s]) => [Number(k), Object.fromEntries(Object.entries(s).map(([n, v]) => [n, dec(v, scalars.includes(n))]))]));
  return { state, param_groups: sd.param_groups } as unknown as torch.optim.OptimizerStateDict;
}

describe.each(DEVICES)('optim.LBFGS vs PyTorch on %s', (device) => {
  for (const c of cases) {
    it(`${c.name} ${c.dtype}: 6 steps`, () => {
      run(c, setup(c, device), 0);
    });

    it(`${c.name} ${c.dtype}: state_dict after 2 steps has PyTorch's keys; PyTorch's resumes the run`, () => {
      const expected = c.state_dict_after_2;
      const mine = setup(c, device);
      for (let i = 0; i < 2; i++) torch.tidy(() => { mine.opt.step(mine.closure); });
      const sd = mine.opt.state_dict();
      expect(Object.keys(sd.state)).toEqual(Object.keys(expected.state));
      expect(Object.keys(sd.state[0]).sort()).toEqual(Object.keys(expected.state[0]).sort());
      expect(sd.param_groups).toEqual(expected.param_groups);
      const resumed = setup(c, device, c.params[1]);
      resumed.opt.load_state_dict(decode(expected, device, c.dtype));
      const st = resumed.opt.state.get(resumed.params[0])!;
      for (const k of ['t', 'ro', 'H_diag', 'al'] as const) {
        for (const v of [st[k]].flat()) expect(v === null || typeof v === 'number', `${k} loads as numbers`).toBe(true);
      }
      run(c, resumed, 2);
    });
  }

  it('steps inside tidy() leave memory flat once the history is full', () => {
    const c = cases.find((k) => k.problem === 'mlp')!;
    const s = setup(c, device);
    const opt = new optim.LBFGS(s.params, { history_size: 2, max_iter: 4, line_search_fn: 'strong_wolfe', tolerance_grad: 0, tolerance_change: 0 });
    const closure = () => { opt.zero_grad(); const l = F.mse_loss(s.params[0].sum().mul(s.params[2].sum()).reshape([1]), torch.ones([1], { device })); l.backward(); return l; };
    const step = () => torch.tidy(() => { opt.step(closure); });
    for (let i = 0; i < 3; i++) step();
    const m = torch.memory(device);
    for (let i = 0; i < 3; i++) step();
    const after = torch.memory(device);
    expect(after.numTensors).toBe(m.numTensors);
    expect(after.numBytes).toBe(m.numBytes);
    opt.dispose();
    expect(torch.memory(device).numTensors).toBeLessThan(m.numTensors);
  });
});
