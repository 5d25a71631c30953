// torch.autograd.Function against PyTorch (fixtures/autograd_function.json, from
// scripts/gen_function_fixtures.py): the node and its name, ctx.needs_input_grad and
// saved_tensors, the engine's checks of what backward returns, a second backward, a saved
// tensor changed in place, PyTorch's Legendre example, once_differentiable and ctx.mark_dirty.
// Each scenario here is the generator's program of the same name. Both devices. The op table's cases
// 'autograd.Function/*' compare values and gradients of two Functions (table-ops.test.ts).

import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';
import { LegendrePolynomial3, MulAdd } from './support/custom_functions.js';

const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('autograd_function.json').scenarios;
type Ctx = torch.autograd.FunctionCtx;

/** x * scale + y; reports needs_input_grad; its backward returns what the scenario asks for. */
class Identity extends torch.autograd.Function {
  static returns: (g: torch.Tensor) => (torch.Tensor | null)[] = (g) => [g, null, null];
  static forward(ctx: Ctx, x: torch.Tensor, y: torch.Tensor, scale: number): torch.Tensor {
    ctx.report = [...ctx.needs_input_grad];
    return x.mul(scale).add(y);
  }
  static backward(_ctx: Ctx, g: torch.Tensor): (torch.Tensor | null)[] { return Identity.returns(g); }
}

/** exp with a backward wrapped in once_differentiable (the generator's ExpOnce). */
class ExpOnce extends torch.autograd.Function {
  static forward(ctx: Ctx, x: torch.Tensor): torch.Tensor {
    const y = x.exp();
    ctx.save_for_backward(y);
    return y;
  }
  static backward = torch.autograd.once_differentiable((ctx: Ctx, g: torch.Tensor) => g.mul(ctx.saved_tensors[0]!));
}

/** x *= 2 in place, marked dirty (the generator's MulTwoInplace). */
class MulTwoInplace extends torch.autograd.Function {
  static forward(ctx: Ctx, x: torch.Tensor): torch.Tensor {
    ctx.mark_dirty(x);
    return x.mul_(2);
  }
  static backward(_ctx: Ctx, g: torch.Tensor): torch.Tensor { return g.mul(2); }
}

/** Marks its input dirty but returns a new tensor (the generator's MarksButCopies). */
class MarksButCopies extends torch.autograd.Function {
  static forward(ctx: Ctx, x: torch.Tensor): torch.Tensor {
    ctx.mark_dirty(x);
    return x.mul(2);
  }
  static backward(_ctx: Ctx, g: torch.Tensor): torch.Tensor { return g.mul(2); }
}

/** x *= 2 in place (marked dirty) and exp(x), both saved (the generator's DoubleInplaceAndExp). */
class DoubleInplaceAndExp extends torch.autograd.Function {
  static forward(ctx: Ctx, x: torch.Tensor): torch.Tensor[] {
    ctx.mark_dirty(x);
    x.mul_(2);
    const e = x.exp();
    ctx.save_for_backward(x, e);
    return [x, e];
  }
  static backward(ctx: Ctx, gx: torch.Tensor, ge: torch.Tensor): torch.Tensor {
    return gx.mul(2).add(ge.mul(ctx.saved_tensors[1]!).mul(2));
  }
}

/** Marks its input dirty but returns two new tensors (the generator's DirtyButCopiesTwo). */
class DirtyButCopiesTwo extends torch.autograd.Function {
  static forward(ctx: Ctx, x: torch.Tensor): torch.Tensor[] {
    ctx.mark_dirty(x);
    return [x.mul(2), x.mul(3)];
  }
  static backward(_ctx: Ctx, ga: torch.Tensor, gb: torch.Tensor): torch.Tensor { return ga.mul(2).add(gb.mul(3)); }
}

/** Two outputs, x * 2 and exp(x); records what its backward was given (the generator's ScaleAndExp). */
class ScaleAndExp extends torch.autograd.Function {
  static materialize = true;
  static seen: (torch.Tensor | null)[] = [];
  static forward(ctx: Ctx, x: torch.Tensor): torch.Tensor[] {
    ctx.set_materialize_grads(ScaleAndExp.materialize);
    const y = x.exp();
    ctx.save_for_backward(y);
    return [x.mul(2), y];
  }
  static backward(ctx: Ctx, gScaled: torch.Tensor | null, gExp: torch.Tensor | null): torch.Tensor | null {
    const [y] = ctx.saved_tensors;
    for (const t of ScaleAndExp.seen) t?.dispose(); // only the last backward's are reported
    ScaleAndExp.seen = [gScaled, gExp].map((g) => g && torch.keep(g.detach().clone()));
    let grad: torch.Tensor | null = null;
    for (const [g, d] of [[gScaled, 2], [gExp, y!]] as [torch.Tensor | null, number | torch.Tensor][]) {
      if (g) grad = grad ? grad.add(g.mul(d)) : g.mul(d);
    }
    return grad;
  }
}

/** exp, saving its output (the generator's ExpSavingOutput). */
class ExpSavingOutput extends torch.autograd.Function {
  static forward(ctx: Ctx, x: torch.Tensor): torch.Tensor {
    const y = x.exp();
    ctx.save_for_backward(y);
    return y;
  }
  static backward(ctx: Ctx, g: torch.Tensor): torch.Tensor { return g.mul(ctx.saved_tensors[0]!); }
}

/** values and int64 indices (marked non-differentiable), and a number (the generator's SortWithIndices). */
class SortWithIndices extends torch.autograd.Function {
  static seen: unknown[] = [];
  static forward(ctx: Ctx, x: torch.Tensor): unknown[] {
    const [values, indices] = x.sort();
    ctx.mark_non_differentiable(indices);
    ctx.save_for_backward(indices);
    return [values, indices, 3];
  }
  static backward(ctx: Ctx, gValues: torch.Tensor, gIndices: torch.Tensor | null, gNumber: torch.Tensor | null): torch.Tensor {
    const [indices] = ctx.saved_tensors;
    SortWithIndices.seen = [gIndices, gNumber].map((g) => g && [String(g.dtype), g.tolist()]);
    return torch.zeros_like(gValues).scatter(0, indices!, gValues);
  }
}

/** A float32 output, a float64 one and int64 indices marked non-differentiable (the generator's MixedDtypes). */
class MixedDtypes extends torch.autograd.Function {
  static seen: string[] = [];
  static forward(ctx: Ctx, x: torch.Tensor): torch.Tensor[] {
    const b = x.double().exp(), idx = x.argsort();
    ctx.mark_non_differentiable(idx);
    ctx.save_for_backward(b);
    return [x.mul(2), b, idx];
  }
  static backward(ctx: Ctx, gA: torch.Tensor, gB: torch.Tensor): torch.Tensor {
    const [b] = ctx.saved_tensors;
    MixedDtypes.seen = [gA, gB].map((g) => String(g.dtype));
    return gA.mul(2).add(gB.mul(b!).float());
  }
}

const programs: Record<string, Program> = {
  legendre_node: (input) => {
    const x = input('x').requires_grad_();
    const y = LegendrePolynomial3.apply(x);
    y.mul(y).sum().backward();
    return { y, name: y.grad_fn!.name(), x_grad: x.grad };
  },
  needs_input_grad: (input) => {
    const x = input('x').requires_grad_(), y = input('y');
    let report: unknown = null;
    Identity.returns = (g) => [g, null, null];
    class Reporting extends Identity {
      static forward(ctx: Ctx, a: torch.Tensor, b: torch.Tensor, scale: number): torch.Tensor {
        const out = Identity.forward(ctx, a, b, scale);
        report = ctx.report;
        return out;
      }
    }
    Reporting.apply(x, y, 2.0).sum().backward();
    return { needs_input_grad: report, x_grad: x.grad, y_grad_is_none: y.grad === null };
  },
  none_for_a_tensor: (input) => {
    const x = input('x').requires_grad_(), y = input('y').requires_grad_();
    Identity.returns = (g) => [null, g.mul(3), null];
    Identity.apply(x, y, 2.0).sum().backward();
    return { x_grad_is_none: x.grad === null, y_grad: y.grad };
  },
  incorrect_number_of_gradients: (input, device) => {
    const x = input('x').requires_grad_();
    Identity.returns = (g) => [g, null];
    Identity.apply(x, torch.zeros(3, { device }), 2.0).sum().backward();
    return {};
  },
  gradient_for_a_number: (input, device) => {
    const x = input('x').requires_grad_();
    Identity.returns = (g) => [g, null, g];
    Identity.apply(x, torch.zeros(3, { device }), 2.0).sum().backward();
    return {};
  },
  invalid_gradient_shape: (input, device) => {
    const x = input('x').requires_grad_();
    Identity.returns = (g) => [g.index([':2']), null, null];
    Identity.apply(x, torch.zeros(3, { device }), 2.0).sum().backward();
    return {};
  },
  broadcast_gradient_summed: (input) => {
    const x = input('x').requires_grad_(), y = input('y').requires_grad_();
    MulAdd.apply(x, y, 0.5).pow(2).sum().backward();
    return { x_grad: x.grad, y_grad: y.grad };
  },
  backward_twice: (input) => {
    const y = LegendrePolynomial3.apply(input('x').requires_grad_()).sum();
    y.backward();
    y.backward();
    return {};
  },
  retain_graph_twice: (input) => {
    const x = input('x').requires_grad_();
    const y = LegendrePolynomial3.apply(x).sum();
    y.backward(null, { retain_graph: true });
    y.backward();
    return { x_grad: x.grad };
  },
  saved_input_modified: (input) => {
    const h = input('x').requires_grad_().mul(1);
    const y = LegendrePolynomial3.apply(h);
    h.add_(1);
    y.sum().backward();
    return {};
  },
  under_no_grad: (input) => {
    const y = torch.no_grad(() => LegendrePolynomial3.apply(input('x').requires_grad_()));
    return { y, requires_grad: y.requires_grad, has_grad_fn: y.grad_fn !== null };
  },
  legendre_fit: (_, device) => {
    // PyTorch's example, line for line (examples/legendre_function.ts prints it)
    const x = torch.linspace(-Math.PI, Math.PI, 2000, { device });
    const y = torch.sin(x);
    const a = torch.full([], 0.0, { device, requires_grad: true });
    const b = torch.full([], -1.0, { device, requires_grad: true });
    const c = torch.full([], 0.0, { device, requires_grad: true });
    const d = torch.full([], 0.3, { device, requires_grad: true });
    const learning_rate = 5e-6;
    const losses: number[] = [];
    for (let t = 0; t < 2000; t++) {
      torch.tidy(() => {
        const P3 = LegendrePolynomial3.apply;
        const y_pred = a.add(b.mul(P3(c.add(d.mul(x)))));
        const loss = y_pred.sub(y).pow(2).sum();
        if (t % 100 === 99) losses.push(loss.item() as number);
        loss.backward();
        torch.no_grad(() => {
          for (const p of [a, b, c, d]) { p.sub_(p.grad!.mul(learning_rate)); p.grad = null; }
        });
      });
    }
    return { losses, abcd: [a, b, c, d].map((p) => p.item() as number) };
  },
  once_differentiable_first_order: (input) => {
    const x = input('x').requires_grad_();
    ExpOnce.apply(x).sum().backward();
    return { x_grad: x.grad };
  },
  once_differentiable_create_graph: (input) => {
    const x = input('x').requires_grad_();
    const [g] = torch.autograd.grad(ExpOnce.apply(x).pow(2).sum(), x, { create_graph: true });
    return { g, requires_grad: g!.requires_grad };
  },
  once_differentiable_plain_seed: (input) => {
    const x = input('x').requires_grad_();
    const [g] = torch.autograd.grad(ExpOnce.apply(x).sum(), x, { create_graph: true });
    return { g, requires_grad: g!.requires_grad };
  },
  once_differentiable_twice: (input) => {
    const x = input('x').requires_grad_();
    const [g] = torch.autograd.grad(ExpOnce.apply(x).pow(2).sum(), x, { create_graph: true });
    g!.sum().backward();
    return {};
  },
  mark_dirty_inplace: (input) => {
    const x = input('x').requires_grad_();
    const a = x.sin();
    const y = MulTwoInplace.apply(a);
    const report = { same_tensor: y === a, name: a.grad_fn!.name(), a: a.detach(), version: a._version };
    a.mul(a).sum().backward();
    return { ...report, x_grad: x.grad };
  },
  mark_dirty_leaf: (input) => {
    MulTwoInplace.apply(input('x').requires_grad_());
    return {};
  },
  mark_dirty_not_returned: (input) => {
    MarksButCopies.apply(input('x').requires_grad_().sin());
    return {};
  },
  mark_dirty_no_grad_input: (input) => {
    const x = input('x');
    MulTwoInplace.apply(x);
    return { x, requires_grad: x.requires_grad, version: x._version };
  },
  mark_dirty_several_outputs: (input) => {
    const x = input('x').requires_grad_();
    const a = x.sin();
    const [y, e] = DoubleInplaceAndExp.apply(a) as torch.Tensor[];
    const report = { same_tensor: y === a, names: [y.grad_fn!.name(), e.grad_fn!.name()],
      version: a._version, next: y.grad_fn!.next_functions.map(([f, nr]) => [f!.name(), nr]), y: y.detach(), e: e.detach(),
      product_next: [] as unknown[] };
    const p = y.mul(e);
    report.product_next = p.grad_fn!.next_functions.map(([f, nr]) => [f!.name(), nr]);
    p.sum().backward();
    return { ...report, x_grad: x.grad };
  },
  mark_dirty_several_outputs_create_graph: (input) => {
    const x = input('x').requires_grad_();
    const [y, e] = DoubleInplaceAndExp.apply(x.sin()) as torch.Tensor[];
    const [g] = torch.autograd.grad(y.add(e).sum(), [x], { create_graph: true }) as torch.Tensor[];
    const [gg] = torch.autograd.grad(g.sum(), [x]) as torch.Tensor[];
    return { g, gg };
  },
  mark_dirty_several_outputs_leaf: (input) => {
    DoubleInplaceAndExp.apply(input('x').requires_grad_());
    return {};
  },
  mark_dirty_several_outputs_not_returned: (input) => {
    DirtyButCopiesTwo.apply(input('x').requires_grad_().sin());
    return {};
  },
  mark_dirty_several_outputs_unrecorded: (input) => {
    const x = input('x');
    const [y, e] = DoubleInplaceAndExp.apply(x) as torch.Tensor[];
    const report = { x: x.clone(), e, version: x._version, requires_grad: [y.requires_grad, e.requires_grad] };
    y.add_(1);
    return { ...report, x_after_y_add_: x };
  },
  several_outputs: (input) => {
    const x = input('x').requires_grad_();
    ScaleAndExp.materialize = true;
    const [a, b] = ScaleAndExp.apply(x) as torch.Tensor[];
    const s = a.mul(b).add(a);
    s.sum().backward();
    return { a, b, names: [a.grad_fn!.name(), b.grad_fn!.name()],
      next: s.grad_fn!.next_functions[0][0]!.next_functions.map(([f, nr]) => [f!.name(), nr]),
      inputs_next: a.grad_fn!.next_functions.map(([f, nr]) => [f ? f.name() : null, nr]),
      seen: ScaleAndExp.seen as torch.Tensor[], grad: x.grad };
  },
  several_outputs_one_used: (input) => {
    const x = input('x').requires_grad_();
    ScaleAndExp.materialize = true;
    const [, b] = ScaleAndExp.apply(x) as torch.Tensor[];
    b.mul(b).sum().backward();
    return { seen: ScaleAndExp.seen as torch.Tensor[], grad: x.grad };
  },
  several_outputs_not_materialized: (input) => {
    const x = input('x').requires_grad_();
    ScaleAndExp.materialize = false;
    const [a] = ScaleAndExp.apply(x) as torch.Tensor[];
    a.sum().backward();
    return { seen: ScaleAndExp.seen.map((g) => g === null), used: ScaleAndExp.seen[0], grad: x.grad };
  },
  several_outputs_create_graph: (input) => {
    const x = input('x').requires_grad_();
    ScaleAndExp.materialize = true;
    const [a, b] = ScaleAndExp.apply(x) as torch.Tensor[];
    const [g] = torch.autograd.grad(a.mul(b).sum(), [x], { create_graph: true }) as torch.Tensor[];
    const [gg] = torch.autograd.grad(g.sum(), [x]) as torch.Tensor[];
    return { g, gg };
  },
  non_differentiable_output: (input, device) => {
    const x = input('x').requires_grad_();
    const [values, indices, n] = SortWithIndices.apply(x) as [torch.Tensor, torch.Tensor, number];
    values.mul(torch.arange(5, { device, dtype: torch.float32 })).sum().backward();
    return { values, indices: indices.tolist(), n, indices_requires_grad: indices.requires_grad, seen: SortWithIndices.seen, grad: x.grad };
  },
  mixed_dtype_outputs: (input) => {
    const x = input('x').requires_grad_();
    const [a, b, idx] = MixedDtypes.apply(x) as torch.Tensor[];
    torch.autograd.backward([a.mul(a).sum(), b.mul(b).sum()]);
    return { a, b, idx: idx.tolist(), dtypes: [String(a.dtype), String(b.dtype)], idx_requires_grad: idx.requires_grad,
      names: [a.grad_fn!.name(), b.grad_fn!.name()], seen: MixedDtypes.seen, grad: x.grad };
  },
  several_outputs_under_no_grad: (input) => {
    const x = input('x').requires_grad_();
    const [a, b] = torch.no_grad(() => ScaleAndExp.apply(x)) as torch.Tensor[];
    return { a, b, requires_grad: [a.requires_grad, b.requires_grad] };
  },
  saved_output_create_graph: (input) => {
    const x = input('x').requires_grad_();
    const [g] = torch.autograd.grad((ExpSavingOutput.apply(x) as torch.Tensor).sum(), [x], { create_graph: true }) as torch.Tensor[];
    const [gg] = torch.autograd.grad(g.mul(g).sum(), [x]) as torch.Tensor[];
    return { g, gg };
  },
  saved_output_modified: (input) => {
    const y = ExpSavingOutput.apply(input('x').requires_grad_()) as torch.Tensor;
    y.mul_(2);
    y.sum().backward();
    return {};
  },
};

describe.each(DEVICES)('torch.autograd.Function vs PyTorch on %s', (device) => {
  // 2000 steps of float32 sums over 2000 elements in legendre_fit: a sum's order moves the last digits
  scenarioTests(S, programs, device, (name) => (name === 'legendre_fit' ? 1e-3 : 1e-5));

  it("a Function's output prints its node as grad_fn.name() names it (PyTorch's, from legendre_node)", () => {
    torch.tidy(() => {
      const y = LegendrePolynomial3.apply(torch.tensor([0.5], { device, requires_grad: true }));
      expect(`${y}`).toContain(`grad_fn=<${(S.legendre_node as unknown as { name: string }).name}>`);
    });
  });

  it('examples/legendre-function.ts prints the losses and the fit PyTorch prints', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const lines = execFileSync('npx', ['tsx', 'examples/legendre-function.ts', '--device', device], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    const want = S.legendre_fit as unknown as { losses: number[]; abcd: number[] };
    const close = (got: number, e: number): boolean => Math.abs(got - e) <= 1e-6 + 1e-3 * Math.abs(e);
    expect(lines.length).toBe(want.losses.length + 1);
    want.losses.forEach((e, i) => {
      const [t, loss] = lines[i].split(' ').map(Number);
      expect(t).toBe(100 * i + 99);
      expect(close(loss, e), `${lines[i]} vs ${e}`).toBe(true);
    });
    const m = /^Result: y = (\S+) \+ (\S+) \* P3\((\S+) \+ (\S+) x\)$/.exec(lines[lines.length - 1]);
    expect(m, lines[lines.length - 1]).not.toBeNull();
    m!.slice(1).map(Number).forEach((v, i) => expect(close(v, want.abcd[i]), `${v} vs ${want.abcd[i]}`).toBe(true));
  });

  it("an error thrown by a Function's backward reaches the caller and leaves the engine working", () => {
    class Throws extends torch.autograd.Function {
      static forward(_ctx: Ctx, x: torch.Tensor): torch.Tensor { return x.mul(2); }
      static backward(): torch.Tensor { throw new torch.ValueError('boom'); }
    }
    expectErrorLeavesEngineIntact(device, () => {
      torch.tidy(() => Throws.apply(torch.ones(2, { device, requires_grad: true }).mul(1)).sum().backward());
    }, { error: 'boom', error_type: 'ValueError' });
  });

  it('forward and backward temporaries are freed; the node frees what it saved with the graph', () => {
    const x = torch.randn([64], { device, requires_grad: true });
    const before = torch.memory(device);
    for (let i = 0; i < 50; i++) {
      torch.tidy(() => { LegendrePolynomial3.apply(x.mul(1)).sum().backward(); });
      x.grad = null;
    }
    const after = torch.memory(device);
    expect([after.numTensors, after.numRecords]).toEqual([before.numTensors, before.numRecords]);
    if (device === 'wasm') expect(after.heapBytesInUse).toBe(before.heapBytesInUse);
    x.dispose();
  });

  it('a Function with several outputs, one saved, frees its pieces, its packed node and what it saved with the graph', () => {
    const x = torch.randn([64], { device, requires_grad: true });
    const step = (): void => torch.tidy(() => {
      const [a, b] = ScaleAndExp.apply(x.mul(1)) as torch.Tensor[];
      const [g] = torch.autograd.grad(a.mul(b).sum(), [x], { create_graph: true }) as torch.Tensor[];
      g.sum().backward();
    });
    step();
    x.grad = null;
    const before = torch.memory(device);
    for (let i = 0; i < 30; i++) { step(); x.grad = null; }
    const after = torch.memory(device);
    expect([after.numTensors, after.numRecords]).toEqual([before.numTensors, before.numRecords]);
    if (device === 'wasm') expect(after.heapBytesInUse).toBe(before.heapBytesInUse);
    x.dispose();
  });

  it("outputs disposed before backward still pass their gradients to the Function's node", () => {
    const x = torch.tensor([0.5, -1], { device, requires_grad: true });
    const [a, b] = ScaleAndExp.apply(x) as torch.Tensor[];
    const loss = a.add(b).sum();
    a.dispose();
    b.dispose();
    loss.backward();
    expect(x.grad!.tolist()).toEqual(x.detach().exp().add(2).tolist());
  });

  it('a gradient returned for an input that needs none, or None for one that does, is dropped without a leak', () => {
    const x = torch.randn([2, 3], { device, requires_grad: true }), y = torch.randn([3], { device });
    class FirstNone extends torch.autograd.Function {
      static forward(_ctx: Ctx, a: torch.Tensor, b: torch.Tensor): torch.Tensor { return a.mul(b); }
      static backward(_ctx: Ctx, g: torch.Tensor): (torch.Tensor | null)[] { return [null, g.sum(0)]; }
    }
    const step = (): void => torch.tidy(() => {
      MulAdd.apply(x, y, 0.5).sum().backward(); // y needs no gradient: MulAdd's for it goes
      FirstNone.apply(x, y.clone().requires_grad_()).sum().backward();
    });
    step();
    x.grad = null;
    const before = torch.memory(device);
    for (let i = 0; i < 10; i++) { step(); x.grad = null; }
    const after = torch.memory(device);
    expect([after.numTensors, after.numRecords]).toEqual([before.numTensors, before.numRecords]);
    x.dispose();
    y.dispose();
  });
});
