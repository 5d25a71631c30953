// torch.autograd.Function under create_graph against PyTorch (fixtures/function_create_graph.json,
// from scripts/gen_function_create_graph_fixtures.py): outputs of mixed dtypes (a float64 output
// of a float32 input casts in the graph, ToCopyBackward0 recorded on the device, so the gradient's
// graph may cross dtypes again), and Functions with three outputs and
// ctx.set_materialize_grads(false) differentiated twice and three times through some outputs
// only. The Functions are the generator's, written in TypeScript; both devices.

import { describe } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('function_create_graph.json').scenarios;
type Ctx = torch.autograd.FunctionCtx;
type T = torch.Tensor;

class MixedDtypes extends torch.autograd.Function {
  static forward(ctx: Ctx, x: T): T[] {
    const b = x.double().exp(), idx = x.argsort();
    ctx.mark_non_differentiable(idx);
    ctx.save_for_backward(b);
    return [x.mul(2), b, idx];
  }
  static backward(ctx: Ctx, gA: T, gB: T): T {
    const [b] = ctx.saved_tensors;
    return gA.mul(2).add(gB.mul(b!).float());
  }
}

class Float64Only extends torch.autograd.Function {
  static forward(ctx: Ctx, x: T): T[] {
    ctx.save_for_backward(x);
    return [x.double().pow(3), x.argmax()];
  }
  static backward(ctx: Ctx, g: T): T {
    const [x] = ctx.saved_tensors;
    return g.mul(3).mul(x!.double().pow(2)).float();
  }
}

class ThreeOutputs extends torch.autograd.Function {
  static forward(ctx: Ctx, x: T, y: T): T[] {
    ctx.set_materialize_grads(false);
    const e = x.exp();
    ctx.save_for_backward(x, y, e);
    return [x.mul(y), e, y.sin()];
  }
  static backward(ctx: Ctx, ga: T | null, gb: T | null, gc: T | null): (T | null)[] {
    const [x, y, e] = ctx.saved_tensors as T[];
    let gx: T | null = null, gy: T | null = null;
    if (ga) { gx = ga.mul(y); gy = ga.mul(x); }
    if (gb) gx = gx ? gx.add(gb.mul(e)) : gb.mul(e);
    if (gc) gy = gy ? gy.add(gc.mul(y.cos())) : gc.mul(y.cos());
    return [gx, gy];
  }
}

class ThreeOutputsSavedOutput extends torch.autograd.Function {
  static forward(ctx: Ctx, x: T): T[] {
    ctx.set_materialize_grads(false);
    const e = x.exp();
    ctx.save_for_backward(x, e);
    return [x.mul(x), e, x.mul(x).mul(x)];
  }
  static backward(ctx: Ctx, ga: T | null, gb: T | null, gc: T | null): T | null {
    const [x, e] = ctx.saved_tensors as T[];
    let g: T | null = null;
    for (const [grad, d] of [[ga, x.mul(2)], [gb, e], [gc, x.mul(x).mul(3)]] as [T | null, T][]) {
      if (grad) g = g ? g.add(grad.mul(d)) : grad.mul(d);
    }
    return g;
  }
}

class ReturnsInputAndView extends torch.autograd.Function {
  static forward(ctx: Ctx, x: T): T[] {
    ctx.set_materialize_grads(false);
    ctx.save_for_backward(x);
    return [x, x.index(['1:']), x.mul(x).mul(3)];
  }
  static backward(ctx: Ctx, ga: T | null, gb: T | null, gc: T | null): T {
    const [x] = ctx.saved_tensors as T[];
    let g = torch.zeros_like(x);
    if (ga) g = g.add(ga);
    if (gb) g = g.add(torch.cat([torch.zeros_like(x.index([':1'])), gb]));
    if (gc) g = g.add(gc.mul(6).mul(x));
    return g;
  }
}

const grad = (out: T, inputs: T | T[], options: Parameters<typeof torch.autograd.grad>[2] = {}): (T | null)[] =>
  torch.autograd.grad(out, inputs, options);

const programs: Record<string, Program> = {
  mixed_dtypes_create_graph: (input) => {
    const x = input('x').requires_grad_();
    const [a, b, idx] = MixedDtypes.apply(x) as T[];
    const [g] = grad(a.mul(a).sum().add(b.mul(b).sum()), x, { create_graph: true }) as T[];
    const [gg] = grad(g.mul(g).sum(), x, { create_graph: true }) as T[];
    const [ggg] = grad(gg.sum(), x) as T[];
    return { g, gg, ggg, g_dtype: String(g.dtype), idx: idx.tolist() };
  },
  mixed_dtypes_create_graph_float64_only: (input) => {
    const x = input('x').requires_grad_();
    const [, b] = MixedDtypes.apply(x) as T[];
    const [g] = grad(b.mul(b.sin()).sum(), x, { create_graph: true }) as T[];
    const [gg] = grad(g.sum(), x) as T[];
    return { g, gg };
  },
  float64_output_of_float32_input_create_graph: (input) => {
    const x = input('x').requires_grad_();
    const [y, idx] = Float64Only.apply(x) as T[];
    const [g] = grad(y.sum(), x, { create_graph: true }) as T[];
    const [gg] = grad(g.mul(x).sum(), x) as T[];
    return { y, idx: idx.item(), g, gg, dtypes: [String(y.dtype), String(g.dtype)] };
  },
  three_outputs_one_used_create_graph: (input) => {
    const x = input('x').requires_grad_(), y = input('y').requires_grad_();
    const [, b] = ThreeOutputs.apply(x, y) as T[];
    const [gx, gy] = grad(b.sum(), [x, y], { create_graph: true, allow_unused: true });
    const [gg] = grad(gx!.mul(gx!).sum(), x) as T[];
    return { gx, gy_is_none: gy === null, gg };
  },
  three_outputs_two_used_create_graph: (input) => {
    const x = input('x').requires_grad_(), y = input('y').requires_grad_(), w = input('w');
    const [a, , c] = ThreeOutputs.apply(x, y) as T[];
    const [gx, gy] = grad(a.mul(w).sum().add(c.mul(c).sum()), [x, y], { create_graph: true }) as T[];
    const [ggx, ggy] = grad(gx.mul(gy).sum(), [x, y]) as T[];
    return { gx, gy, ggx, ggy };
  },
  three_outputs_double_backward_wrt_one_input: (input) => {
    const x = input('x').requires_grad_(), y = input('y').requires_grad_();
    const [a, , c] = ThreeOutputs.apply(x, y) as T[];
    const [gy] = grad(a.mul(a).sum().add(c.sum()), y, { create_graph: true }) as T[];
    const [ggx] = grad(gy.sum(), x, { retain_graph: true }) as T[];
    const [ggy] = grad(gy.pow(2).sum(), y, { create_graph: true }) as T[];
    const [third] = grad(ggy.sum(), [y]) as T[];
    return { gy, ggx, third };
  },
  three_outputs_backward_create_graph_accumulates: (input) => {
    const x = input('x').requires_grad_(), y = input('y').requires_grad_();
    const [a, b] = ThreeOutputs.apply(x, y) as T[];
    a.sum().add(b.pow(2).sum()).backward({ create_graph: true });
    const gx = x.grad!;
    x.grad = null;
    y.grad = null;
    gx.mul(gx).sum().backward();
    return { gx, x_grad: x.grad, y_grad: y.grad };
  },
  three_outputs_saved_output_create_graph: (input) => {
    const x = input('x').requires_grad_();
    const [, b, c] = ThreeOutputsSavedOutput.apply(x) as T[];
    const [g] = grad(b.sum().add(c.sum()), x, { create_graph: true }) as T[];
    const [gg] = grad(g.sum(), x, { create_graph: true }) as T[];
    const [ggg] = grad(gg.sum(), x) as T[];
    return { g, gg, ggg };
  },
  three_outputs_saved_output_unused: (input) => {
    const x = input('x').requires_grad_();
    const [a] = ThreeOutputsSavedOutput.apply(x) as T[];
    const [g] = grad(a.sum(), x, { create_graph: true }) as T[];
    const [gg] = grad(g.mul(g).sum(), x) as T[];
    return { g, gg };
  },
  returns_input_and_view_create_graph: (input) => {
    const p = input('p').requires_grad_(), x = p.mul(1.5);
    const [a, b, c] = ReturnsInputAndView.apply(x) as T[];
    const [g] = grad(b.mul(b).sum().add(c.sum()), p, { create_graph: true }) as T[];
    const [gg] = grad(g.mul(g).sum(), p) as T[];
    return { a, b, g, gg, names: [a, b, c].map((t) => t.grad_fn!.name()) };
  },
  returns_input_and_view_only_view_used: (input) => {
    const p = input('p').requires_grad_(), x = p.mul(1.5);
    const [, b] = ReturnsInputAndView.apply(x) as T[];
    const [g] = grad(b.pow(3).sum(), p, { create_graph: true }) as T[];
    const [gg] = grad(g.sum(), p) as T[];
    return { g, gg };
  },
};

describe.each(DEVICES)('torch.autograd.Function under create_graph vs PyTorch on %s', (device) => {
  scenarioTests(S, programs, device);
});
