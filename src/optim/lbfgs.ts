// torch.optim.LBFGS: torch/optim/lbfgs.py step for step (its strong-Wolfe line search too). The
// parameters are seen as one flat vector; the direction comes from the last history_size
// curvature pairs. PyTorch keeps its scalars (ys, ro, H_diag, al, gtd) as 0-dim tensors of the
// parameters' dtype: here they are numbers rounded to float32 for float32 parameters.

import { DType } from '../../abi/abi.js';
import { Tensor } from '../tensor.js';
import { no_grad, enable_grad } from '../autograd.js';
import { tidy, keep } from '../memory.js';
import { cat } from '../ops/shape.js';
import { zeros_like } from '../creation.js';
import { ValueError, TypeError, RuntimeError } from '../errors.js';
import { Optimizer, pyFloat, type Params, type ParamState, type StateValue } from './optimizer.js';

export interface LBFGSOptions {
  lr?: number; max_iter?: number; max_eval?: number | null; tolerance_grad?: number; tolerance_change?: number;
  history_size?: number; line_search_fn?: 'strong_wolfe' | null;
}

type Round = (x: number) => number;

/** The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), within bounds (lbfgs.py's _cubic_interpolate). */
function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2_square = d1 ** 2 - g1 * g2;
  if (d2_square >= 0) {
    const d2 = Math.sqrt(d2_square);
    const min_pos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(min_pos, lo), hi);
  }
  return (lo + hi) / 2;
}

type ObjFunc = (t: number) => [number, Tensor];

/** lbfgs.py's _strong_wolfe: a step length t along d satisfying the strong Wolfe conditions; returns [f, g, t, evals]. */
function strongWolfe(obj: ObjFunc, t: number, d: Tensor, f: number, g: Tensor, gtd: number, tolerance_change: number, r: Round): [number, Tensor, number, number] {
  const c1 = 1e-4, c2 = 0.9, max_ls = 25;
  const d_norm = r(d.abs().max().item());
  let [f_new, g_new] = obj(t);
  let evals = 1;
  let gtd_new = r(g_new.dot(d).item());
  let t_prev = 0, f_prev = f, g_prev = g, gtd_prev = gtd;
  let done = false, ls_iter = 0;
  let bracket: number[] = [], bracket_f: number[] = [], bracket_g: Tensor[] = [], bracket_gtd: number[] = [];
  while (ls_iter < max_ls) {
    if (f_new > f + c1 * t * gtd || (ls_iter > 1 && f_new >= f_prev)) {
      [bracket, bracket_f, bracket_g, bracket_gtd] = [[t_prev, t], [f_prev, f_new], [g_prev, g_new], [gtd_prev, gtd_new]];
      break;
    }
    if (Math.abs(gtd_new) <= -c2 * gtd) {
      [bracket, bracket_f, bracket_g] = [[t], [f_new], [g_new]];
      done = true;
      break;
    }
    if (gtd_new >= 0) {
      [bracket, bracket_f, bracket_g, bracket_gtd] = [[t_prev, t], [f_prev, f_new], [g_prev, g_new], [gtd_prev, gtd_new]];
      break;
    }
    const tmp = t;
    t = cubicInterpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, [t + 0.01 * (t - t_prev), t * 10]);
    [t_prev, f_prev, g_prev, gtd_prev] = [tmp, f_new, g_new, gtd_new];
    [f_new, g_new] = obj(t);
    evals += 1;
    gtd_new = r(g_new.dot(d).item());
    ls_iter += 1;
  }
  if (ls_iter === max_ls) [bracket, bracket_f, bracket_g] = [[0, t], [f, f_new], [g, g_new]];

  // zoom: refine the bracket until a point satisfies the conditions
  let insuf_progress = false;
  let [low, high] = bracket_f[0] <= bracket_f[bracket_f.length - 1] ? [0, 1] : [1, 0];
  while (!done && ls_iter < max_ls) {
    if (Math.abs(bracket[1] - bracket[0]) * d_norm < tolerance_change) break;
    t = cubicInterpolate(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1]);
    // too close to an end of the bracket: move 0.1 of its length inwards
    const bmax = Math.max(...bracket), bmin = Math.min(...bracket);
    const eps = 0.1 * (bmax - bmin);
    if (Math.min(bmax - t, t - bmin) < eps) {
      if (insuf_progress || t >= bmax || t <= bmin) {
        t = Math.abs(t - bmax) < Math.abs(t - bmin) ? bmax - eps : bmin + eps;
        insuf_progress = false;
      } else {
        insuf_progress = true;
      }
    } else {
      insuf_progress = false;
    }
    [f_new, g_new] = obj(t);
    evals += 1;
    gtd_new = r(g_new.dot(d).item());
    ls_iter += 1;
    if (f_new > f + c1 * t * gtd || f_new >= bracket_f[low]) {
      [bracket[high], bracket_f[high], bracket_g[high], bracket_gtd[high]] = [t, f_new, g_new, gtd_new];
      [low, high] = bracket_f[0] <= bracket_f[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtd_new) <= -c2 * gtd) {
        done = true;
      } else if (gtd_new * (bracket[high] - bracket[low]) >= 0) {
        [bracket[high], bracket_f[high], bracket_g[high], bracket_gtd[high]] = [bracket[low], bracket_f[low], bracket_g[low], bracket_gtd[low]];
      }
      [bracket[low], bracket_f[low], bracket_g[low], bracket_gtd[low]] = [t, f_new, g_new, gtd_new];
    }
  }
  return [bracket_f[low], bracket_g[low], bracket[low], evals];
}

/**
 * L-BFGS, exactly as torch.optim.LBFGS: each `step(closure)` runs up to max_iter iterations
 * (max_eval closure calls), each a step along the quasi-Newton direction of the last
 * history_size curvature pairs, with a fixed step lr or a strong-Wolfe line search
 * (`line_search_fn: 'strong_wolfe'`). The closure is required (it is called many times); one
 * parameter group only. The state is PyTorch's, on the first parameter: `func_evals`, `n_iter`,
 * `d`, `t`, `old_dirs`, `old_stps`, `ro`, `H_diag`, `prev_flat_grad`, `prev_loss`, `al`.
 * @example
 * const x = torch.tensor([-1.5, 2]).requires_grad_();
 * const opt = new optim.LBFGS([x], { line_search_fn: 'strong_wolfe' });
 * const closure = () => {
 *   opt.zero_grad();
 *   const loss = x.sub(1).pow(2).sum();
 *   loss.backward();
 *   return loss;
 * };
 * for (let i = 0; i < 3; i++) opt.step(closure);
 */
export class LBFGS extends Optimizer<Required<LBFGSOptions>> {
  /** @internal */
  protected numberState: readonly string[] = ['func_evals', 'n_iter', 't', 'ro', 'H_diag', 'prev_loss', 'al'];

  constructor(params: Params<LBFGSOptions>, options: LBFGSOptions = {}) {
    const max_iter = options.max_iter ?? 20;
    const d: Required<LBFGSOptions> = {
      lr: options.lr ?? 1, max_iter, max_eval: options.max_eval ?? Math.floor((max_iter * 5) / 4),
      tolerance_grad: options.tolerance_grad ?? 1e-7, tolerance_change: options.tolerance_change ?? 1e-9,
      history_size: options.history_size ?? 100, line_search_fn: options.line_search_fn ?? null,
    };
    if (!(d.lr >= 0)) throw new ValueError(`Invalid learning rate: ${pyFloat(d.lr)}`);
    super(params as Params<Required<LBFGSOptions>>, d);
    if (this.param_groups.length !== 1) throw new ValueError("LBFGS doesn't support per-parameter options (parameter groups)");
  }

  /** @internal unused: LBFGS steps all parameters at once */
  protected update(): void { throw new RuntimeError('LBFGS updates in step()'); }

  /**
   * Runs up to max_iter L-BFGS iterations, calling the closure (which recomputes the loss and
   * its gradients) as often as they need; returns the closure's first loss.
   * @example const loss = opt.step(() => { opt.zero_grad(); const l = F.mse_loss(model(x), y); l.backward(); return l; });
   */
  step<L = Tensor>(closure?: () => L): L | undefined {
    if (typeof closure !== 'function') throw new TypeError("LBFGS.step() missing 1 required positional argument: 'closure'");
    const group = this.param_groups[0];
    const params = group.params;
    const { lr, max_iter, max_eval, tolerance_grad, tolerance_change, history_size, line_search_fn } = group;
    const r: Round = params[0]._dtype === DType.Float32 ? Math.fround : (x) => x;
    // PyTorch keeps LBFGS's state on the first parameter, so load_state_dict casts it
    let state = this.state.get(params[0]);
    if (state === undefined) this.state.set(params[0], (state = {}));
    const st = state;
    st.func_evals = (st.func_evals as number | undefined) ?? 0;
    st.n_iter = (st.n_iter as number | undefined) ?? 0;
    const before = tensorsOf(st);

    // the closure always runs with gradients on; its loss as a number (PyTorch's float(closure()))
    const lossOf = (v: unknown): number => (v instanceof Tensor ? Number(v.item()) : Number(v));
    const evaluate = (): number => tidy(() => lossOf(enable_grad(closure)));
    const flatGrad = (): Tensor => cat(params.map((p) => (p.grad === null ? zeros_like(p).reshape(-1) : p.grad.reshape(-1))));
    const addGrad = (t: number, d: Tensor): void => {
      let offset = 0;
      for (const p of params) { p.add_(d.narrow(0, offset, p.numel()).view(p.shape), { alpha: t }); offset += p.numel(); }
    };

    const orig_loss = enable_grad(closure);
    tidy(() => no_grad(() => {
      let loss = lossOf(orig_loss);
      let current_evals = 1;
      (st.func_evals as number)++;
      let flat_grad = flatGrad();
      let opt_cond = flat_grad.abs().max().item() <= tolerance_grad;
      if (opt_cond) return;

      let d = st.d as Tensor | undefined, t = st.t as number | undefined;
      let old_dirs = st.old_dirs as Tensor[] | undefined, old_stps = st.old_stps as Tensor[] | undefined;
      let ro = st.ro as number[] | undefined, H_diag = st.H_diag as number | undefined;
      let prev_flat_grad = st.prev_flat_grad as Tensor | undefined, prev_loss = st.prev_loss as number | undefined;

      let n_iter = 0;
      while (n_iter < max_iter) {
        n_iter++;
        st.n_iter = (st.n_iter as number) + 1;
        // the descent direction
        if (st.n_iter === 1) {
          d = flat_grad.neg();
          [old_dirs, old_stps, ro, H_diag] = [[], [], [], 1];
        } else {
          const y = flat_grad.sub(prev_flat_grad!);
          const s = d!.mul(t!);
          const ys = r(y.dot(s).item());
          if (ys > 1e-10) {
            // a new curvature pair, the oldest dropped past history_size
            if (old_dirs!.length === history_size) { old_dirs!.shift(); old_stps!.shift(); ro!.shift(); }
            old_dirs!.push(y);
            old_stps!.push(s);
            ro!.push(r(1 / ys));
            H_diag = r(ys / r(y.dot(y).item()));
          }
          const num_old = old_dirs!.length;
          if (st.al === undefined) st.al = new Array(history_size).fill(null);
          const al = st.al as Array<number | null>;
          // the two-loop recursion: the inverse Hessian approximation times the gradient
          const q = flat_grad.neg();
          for (let i = num_old - 1; i >= 0; i--) {
            al[i] = r(r(old_stps![i].dot(q).item()) * ro![i]);
            q.add_(old_dirs![i], { alpha: -al[i]! });
          }
          d = q.mul(H_diag!);
          for (let i = 0; i < num_old; i++) {
            const be_i = r(r(old_dirs![i].dot(d).item()) * ro![i]);
            d.add_(old_stps![i], { alpha: r(al[i]! - be_i) });
          }
        }
        if (prev_flat_grad === undefined) prev_flat_grad = flat_grad.clone();
        else prev_flat_grad.copy_(flat_grad);
        prev_loss = loss;

        // the step length: 1/|g|₁ (at most 1) times lr at the first iteration, lr after
        if (st.n_iter === 1) {
          const inv = r(1 / r(flat_grad.abs().sum().item()));
          t = inv < 1 ? r(inv * r(lr)) : lr;
        } else {
          t = lr;
        }
        const gtd = r(flat_grad.dot(d).item());
        if (gtd > -tolerance_change) break;

        let ls_func_evals = 0;
        if (line_search_fn !== null) {
          if (line_search_fn !== 'strong_wolfe') throw new RuntimeError("only 'strong_wolfe' is supported");
          const x_init = params.map((p) => p.clone());
          const dir = d;
          const obj: ObjFunc = (step) => {
            addGrad(step, dir);
            const f = evaluate();
            const g = flatGrad();
            params.forEach((p, i) => p.copy_(x_init[i]));
            return [f, g];
          };
          [loss, flat_grad, t, ls_func_evals] = strongWolfe(obj, t, d, loss, flat_grad, gtd, tolerance_change, r);
          addGrad(t, d);
          opt_cond = flat_grad.abs().max().item() <= tolerance_grad;
        } else {
          addGrad(t, d);
          // the last iteration does not re-evaluate: in a stochastic setting it is of no use
          if (n_iter !== max_iter) {
            loss = evaluate();
            flat_grad = flatGrad();
            opt_cond = flat_grad.abs().max().item() <= tolerance_grad;
            ls_func_evals = 1;
          }
        }
        current_evals += ls_func_evals;
        st.func_evals = (st.func_evals as number) + ls_func_evals;

        if (n_iter === max_iter || current_evals >= max_eval! || opt_cond) break;
        if (d.mul(t).abs().max().item() <= tolerance_change) break; // no progress
        if (Math.abs(loss - prev_loss) < tolerance_change) break;
      }
      Object.assign(st, { d, t, old_dirs, old_stps, ro, H_diag, prev_flat_grad, prev_loss });
      // the state's tensors outlive this step; those it dropped are freed
      const after = tensorsOf(st);
      for (const x of after) keep(x);
      for (const x of before) if (!after.has(x)) x.dispose();
    }));
    return orig_loss;
  }
}

/** The tensors a state holds (its lists' too). */
function tensorsOf(state: ParamState): Set<Tensor> {
  const out = new Set<Tensor>();
  for (const v of Object.values(state) as StateValue[]) for (const x of Array.isArray(v) ? v : [v]) if (x instanceof Tensor) out.add(x);
  return out;
}
