// Second and third derivatives (create_graph=True) of every case of the op table's fixtures,
// against PyTorch (fixtures/higher_order.json, from scripts/gen_higher_order_fixtures.py, whose
// docstring gives the three sums differentiated), on both devices. An op whose derivative is a
// kernel that does not record itself must refuse create_graph with NotImplementedError before a
// gradient moves, and only such ops may.

import { describe, it, expect, vi } from 'vitest';
import {
  torch, DEVICES, loadFixture, fromFixture, expectClose, freshTorch, type Device, type TensorFixture,
} from './support/torch.js';
import { evaluateCase, type OpCase, type Arg } from './support/cases.js';
import { tolerances, type Tolerance } from './support/tolerances.js';
import { expectRefusal, refusing } from './support/create_graph.js';
import { backwardKernels } from '../src/ops/table.js';

/** The node names of the fused kernels that have PyTorch's (the others show FusedBackwardBackward0). */
const namedKernels = new Set(Object.values(backwardKernels).flatMap((bk) => (bk.node ? [bk.node] : [])));

interface HigherOrderCase {
  name: string;
  v?: TensorFixture[]; u?: TensorFixture[]; grads2?: TensorFixture[]; grads3?: TensorFixture[]; g1_grad_fn?: (string | null)[];
  error?: { type: string; message: string };
}

const table = loadFixture<{ cases: OpCase[] }>('table.json');
interface InplaceScatterReduce {
  name: string; reduce: 'sum' | 'prod' | 'mean' | 'amax' | 'amin'; include_self: boolean; self: number[]; index: number[]; src: number[];
  w: TensorFixture; v: TensorFixture[]; u: TensorFixture[]; grads1: TensorFixture[]; grads2: TensorFixture[]; grads3: TensorFixture[]; grad_fn: string;
}
const fixture = loadFixture<{ cases: HigherOrderCase[]; backward_warning: string; inplace_scatter_reduce: InplaceScatterReduce[] }>('higher_order.json');
const tableCase = new Map(table.cases.map((c) => [c.name, c]));

/**
 * Where wasmgrad's answer differs from PyTorch's, from which derivative order on, and why.
 * - PyTorch's derivative of trunc and floor is a storage-less zero tensor, and a product with it
 *   stays zero even against inf or NaN (fmod's and remainder's second derivative at ±inf and a
 *   zero divisor); wasmgrad's zeros are numbers, and 0·inf is NaN.
 * - copysign's first derivative is PyTorch's result / self with masked_fill_ at self = 0; its
 *   third derivative through the upstream at self = 0 is PyTorch's 0 where wasmgrad's is NaN.
 * - layer_norm's third derivative: PyTorch's layer_norm_double_backward treats the saved mean and
 *   rstd as constants, so its third derivative is not the derivative of its own second one (in
 *   float64 it differs from central differences of it by up to 1e0); wasmgrad recomputes them
 *   from x with recorded ops, and its third derivative is the exact one.
 * - batch_norm in training mode (and instance_norm, batch_norm underneath), the same way: PyTorch's
 *   batchnorm_double_backward reads the saved mean and invstd as constants; wasmgrad recomputes
 *   them from x, and its third derivative is the one PyTorch gives for batch_norm composed of
 *   mean, sub, pow and mul (checked on batch_norm/training/float64).
 * - cumsum and cumprod with a dtype: PyTorch's one node casts the gradient back to the input's
 *   float32 before its rule, so its derivative for the float64 upstream is float32-rounded;
 *   wasmgrad casts the input, then scans, and its rule runs in float64 (the first derivative
 *   agrees to float32's tolerance).
 * - sinc's third derivative at x = 0.027 in float32: p·cos p − sin p cancels to ~p³/3, and both
 *   PyTorch's float32 answer and wasmgrad's are rounding noise there (PyTorch's is 3% off its own
 *   float64 one); the float64 cases hold.
 * - erfcx's second and log_ndtr's third derivative at the edge points in float32 (2x·erfcx(x) − 2/√π and
 *   its log Φ form cancel at large |x|): PyTorch's Cephes fits in float32 and wasmgrad's float64 values
 *   rounded once differ by float32 rounding there, which the cancellation makes 10%; float64 agrees.
 * - cumprod of a row holding inf and 0: PyTorch's O(n²) create_graph form multiplies prod(x[:k]) by
 *   cumprod(x[k+1:]) and differentiates that prod through its own safe-zeros rule, where inf meets 0:
 *   its second derivative is NaN at the inf; wasmgrad's form (the cumprod of x with x[k] set to 1)
 *   gives the finite limit there.
 */
const knownDifferences: Record<string, { from: 2 | 3; why: string }> = {
  'fmod/edges': { from: 2, why: 'zero tensors' }, 'fmod/edges/float64': { from: 2, why: 'zero tensors' },
  'remainder/edges': { from: 2, why: 'zero tensors' }, 'remainder/edges/float64': { from: 2, why: 'zero tensors' },
  'copysign/edges': { from: 3, why: 'masked ratio' }, 'copysign/edges/float64': { from: 3, why: 'masked ratio' },
  'copysign-1/edges': { from: 3, why: 'masked ratio' }, 'copysign-1/edges/float64': { from: 3, why: 'masked ratio' },
  'layer_norm/1-D input': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/batch of 1': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/constant rows': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/no affine': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/no affine/float64': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/two dims eps': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/two dims eps/float64': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/weight bias': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/weight bias/float64': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/weight only': { from: 3, why: 'constant mean and rstd' },
  'layer_norm/whole tensor': { from: 3, why: 'constant mean and rstd' },
  ...Object.fromEntries(['batch_norm/training', 'batch_norm/training 3-D momentum eps', 'batch_norm/training 4-D no affine',
    'batch_norm/training weight only batch of 2', 'batch_norm/training bias only', 'batch_norm/training running stats',
    'batch_norm/training/float64', 'batch_norm/training 3-D momentum eps/float64', 'instance_norm/affine',
    'instance_norm/no affine 4-D', 'instance_norm/float64 eps'].map((n) => [n, { from: 3 as const, why: 'constant mean and invstd' }])),
  'cumsum/dtype float64': { from: 2, why: 'float32 reversed cumsum' },
  'sinc/method': { from: 3, why: 'float32 cancellation' },
  'prod/all two zeros': { from: 2, why: "PyTorch 2's rule" }, 'prod/all two zeros/float64': { from: 2, why: "PyTorch 2's rule" },
  'cumprod/dtype float64': { from: 2, why: 'float32 rule' }, 'cumprod/inf and zero': { from: 2, why: 'prod of inf and 0' },
  'special_erfcx/edges': { from: 2, why: 'float32 cancellation' }, 'special_log_ndtr/edges': { from: 3, why: 'float32 cancellation' },
};

/** The errors PyTorch raises at the second order that wasmgrad raises word for word. */
const samePyTorchError = /^derivative for (aten::)?(multi_margin_loss|multilabel_margin_loss|_ctc_loss|_embedding_bag_dense|_embedding_bag_per_sample_weights)_backward is not implemented$|^scatter_reduce\(\): Double backward/;

/** Each derivative order rounds once more: its tolerance widens by this factor per order. */
const PER_ORDER = 10;
const widened = (t: Tolerance, order: number): Tolerance => ({ rtol: t.rtol * PER_ORDER ** order, atol: t.atol * PER_ORDER ** order });

/**
 * Cases whose third derivative float32 cannot give to the family's tolerance: norms clamped at
 * eps = 1e-8 put 1e8-sized factors in it. Orders of magnitude of extra room, by case.
 */
const illConditioned: Record<string, number> = { 'cosine_similarity/zero and tiny norms clamped': 1 };

/** How many tensors the positional arguments hold (the generator differentiates only those). */
const positionalTensors = (args: Arg[]): number => args.reduce<number>((n, a) =>
  n + (a !== null && typeof a === 'object' && !Array.isArray(a) ? ('tensor' in a ? 1 : positionalTensors(a.list)) : 0), 0);

function gradsOf(total: torch.Tensor, leaves: torch.Tensor[], create_graph: boolean): torch.Tensor[] {
  if (!total.requires_grad) return leaves.map((x) => torch.zeros_like(x));
  const gs = torch.autograd.grad(total, leaves, { create_graph, allow_unused: true });
  return gs.map((g, i) => g ?? torch.zeros_like(leaves[i]));
}

const weighted = (gs: torch.Tensor[], ws: torch.Tensor[], device: Device): torch.Tensor =>
  gs.reduce((acc, g, i) => acc.add(g.mul(ws[i]).sum()), torch.zeros([], { device }));

/** The case's g2 and g3 on `device` (the generator's docstring): the inputs', then the upstream's. */
function higherOrder(c: OpCase, h: HigherOrderCase, device: Device, third = true): [torch.Tensor[], torch.Tensor[], torch.Tensor[]] {
  const { outs, argLeaves } = evaluateCase(c, device);
  const leaves = argLeaves.slice(0, positionalTensors(c.args)).filter((t) => t.requires_grad);
  const w = fromFixture(c.upstream!, device, false).to(outs[0].dtype).requires_grad_();
  const g1 = gradsOf(outs[0].mul(w).sum(), leaves, true);
  // an error case has no v: the second order's sum then weighs the first derivative by ones
  const v = h.v?.map((vi) => fromFixture(vi, device, false)) ?? g1.map((g) => torch.ones_like(g));
  const g2 = gradsOf(weighted(g1, v, device), [...leaves, w], true);
  const g3 = third ? gradsOf(weighted(g2, h.u!.map((u) => fromFixture(u, device, false)), device), [...leaves, w], false) : [];
  return [g2, g3, g1];
}

describe.each(DEVICES)('second and third derivatives vs PyTorch on %s', (device) => {
  for (const h of fixture.cases) {
    const c = tableCase.get(h.name)!;
    it(h.name, () => torch.tidy(() => {
      if (h.error) {
        // PyTorch cannot differentiate twice here: neither may wasmgrad answer; where PyTorch's gradient
        // carries its NotImplemented node, wasmgrad's raises PyTorch's error when the next order reaches it
        if (samePyTorchError.test(h.error.message)) expect(() => higherOrder(c, h, device)).toThrow(new torch.RuntimeError(h.error.message));
        else expect(() => higherOrder(c, h, device)).toThrow();
        return;
      }
      const from = knownDifferences[h.name]?.from ?? 4;
      let got: [torch.Tensor[], torch.Tensor[], torch.Tensor[]];
      try {
        got = higherOrder(c, h, device, from > 3);
      } catch (e) {
        expectRefusal(e);
        return;
      }
      // a fused derivative kernel recorded under create_graph carries PyTorch's node name
      got[2].forEach((g, i) => {
        const name = g.grad_fn?.name();
        if (name && namedKernels.has(name)) expect(name, `grad_fn of the first derivative ${i}`).toBe(h.g1_grad_fn![i]);
      });
      const tol = widened(tolerances[c.family], illConditioned[h.name] ?? 0);
      if (from > 2) got[0].forEach((g, i) => expectClose(g, h.grads2![i], widened(tol, 1), `second derivative ${i}`));
      if (from > 3) got[1].forEach((g, i) => expectClose(g, h.grads3![i], widened(tol, 2), `third derivative ${i}`));
    }));
  }
});

describe.each(DEVICES)('Tensor.scatter_reduce_ to the third derivative vs PyTorch on %s', (device) => {
  for (const h of fixture.inplace_scatter_reduce) {
    it(h.name, () => torch.tidy(() => {
      const x = torch.tensor(h.self, { device, dtype: 'float64', requires_grad: true });
      const src = torch.tensor(h.src, { device, dtype: 'float64', requires_grad: true });
      const y = x.clone();
      y.scatter_reduce_(0, torch.tensor(h.index, { device, dtype: 'int64' }), src, h.reduce, { include_self: h.include_self });
      expect(y.grad_fn?.name()).toBe(h.grad_fn);
      const w = fromFixture(h.w, device, false).requires_grad_();
      const g1 = gradsOf(y.mul(w).sum(), [x, src], true);
      const g2 = gradsOf(weighted(g1, h.v.map((v) => fromFixture(v, device, false)), device), [x, src, w], true);
      const g3 = gradsOf(weighted(g2, h.u.map((u) => fromFixture(u, device, false)), device), [x, src, w], false);
      const tol = tolerances.shape;
      g1.forEach((g, i) => expectClose(g, h.grads1[i], tol, `first derivative ${i}`));
      g2.forEach((g, i) => expectClose(g, h.grads2[i], widened(tol, 1), `second derivative ${i}`));
      g3.forEach((g, i) => expectClose(g, h.grads3[i], widened(tol, 2), `third derivative ${i}`));
    }));
  }
});

describe.each(DEVICES)('create_graph on %s', (device) => {
  it("a fused derivative kernel is a node of its own (PyTorch's SigmoidBackwardBackward0), in float32 and float64", () => {
    for (const dtype of ['float32', 'float64'] as const) {
      torch.tidy(() => {
        const x = torch.tensor([0.5, -1.5], { device, dtype, requires_grad: true });
        const [g] = torch.autograd.grad(x.sigmoid().sum(), [x], { create_graph: true });
        expect(g!.grad_fn?.name()).toBe('SigmoidBackwardBackward0');
        // printing names the node as grad_fn.name() does, the kernel's name here
        expect(`${g}`).toContain('grad_fn=<SigmoidBackwardBackward0>');
      });
    }
  });

  it("backward(create_graph=True) leaves a .grad with a graph, and warns once with PyTorch's message", async () => {
    const fresh = await freshTorch(); // this process may have shown the warning already
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const x = fresh.tensor([0.5, -1.0], { device, requires_grad: true });
      const f = (): typeof x => x.pow(3).sum();
      // the values are autograd.grad's (held to PyTorch's above): backward must add up to them
      const [g] = fresh.autograd.grad(f(), [x], { create_graph: true });
      const [h] = fresh.autograd.grad(g!.sum(), [x]);
      f().backward({ create_graph: true });
      expect(x.grad!.grad_fn?.name()).toBe('CloneBackward0');
      f().backward({ create_graph: true });
      expect(x.grad!.grad_fn?.name()).toBe('AddBackward0');
      expect(x.grad!.tolist()).toEqual(g!.mul(2).tolist());
      const gg = x.grad!.sum();
      x.grad = null;
      gg.backward();
      expect(x.grad!.tolist()).toEqual(h!.mul(2).tolist());
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([`UserWarning: ${fixture.backward_warning}`]);
    } finally {
      warn.mockRestore();
    }
  });

  it('no op of the table refuses create_graph: svdvals, the last that did, answers as its first order does', () => {
    expect([...refusing]).toEqual([]);
    torch.tidy(() => {
      const w = torch.tensor([[0.5, 1.5], [2.0, -1.0]], { device, requires_grad: true });
      const y = torch.linalg.svdvals(w).mul(w.sum()).sum();
      const [expected] = torch.autograd.grad(torch.linalg.svdvals(w).mul(w.sum()).sum(), [w]);
      y.backward({ create_graph: true, retain_graph: true });
      expect(w.grad!.grad_fn).not.toBeNull();
      expectClose(w.grad!, { shape: [2, 2], dtype: 'float32', data: expected!.flatten().tolist() as number[], requires_grad: false }, tolerances.matmul);
    });
  });

  it("a gradient PyTorch cannot differentiate again carries its NotImplemented node, which raises PyTorch's error before any gradient moves", () => {
    torch.tidy(() => {
      const x = torch.tensor([[0.5, -1.5, 2], [1, 0.25, -0.5]], { device, requires_grad: true });
      const target = torch.tensor([2, 0], { device, dtype: 'int64' });
      const [plain] = torch.autograd.grad(torch.nn.functional.multi_margin_loss(x, target), [x]);
      const [g] = torch.autograd.grad(torch.nn.functional.multi_margin_loss(x, target), [x], { create_graph: true });
      expect(g!.tolist()).toEqual(plain!.tolist());
      expect(g!.grad_fn?.name()).toBe('torch::autograd::NotImplemented');
      const y = g!.pow(2).sum().add(x.sum());
      const pytorch = fixture.cases.find((c) => c.error?.message.includes('multi_margin_loss_backward'))!.error!.message;
      expect(() => y.backward({ retain_graph: true })).toThrow(new torch.RuntimeError(pytorch));
      expect(x.grad).toBeNull();
      x.sum().backward();
      expect(x.grad!.tolist()).toEqual(torch.ones_like(x).tolist());
    });
  });

  it('a Hessian-vector-product loop inside tidy keeps memory flat', () => {
    const w = torch.tensor([0.5, -0.3, 0.2], { device, requires_grad: true });
    const v = torch.tensor([1, 2, 3], { device });
    const hvp = (): void => torch.tidy(() => {
      const [g] = torch.autograd.grad(w.sigmoid().mul(w).sum().pow(2), [w], { create_graph: true });
      torch.autograd.grad(g!.mul(v).sum(), [w]);
    });
    for (let i = 0; i < 50; i++) hvp();
    const before = torch.memory();
    for (let i = 0; i < 1_000; i++) hvp();
    const after = torch.memory();
    expect([after.numTensors, after.numRecords]).toEqual([before.numTensors, before.numRecords]);
    if (device === 'wasm') expect(after.heapBytesInUse).toBe(before.heapBytesInUse);
    w.dispose();
    v.dispose();
  });
});
