#!/usr/bin/python3
"""
gen_higher_order_fixtures.py -- PyTorch's second and third derivatives (create_graph=True) for
every case of the op table's fixtures (test/fixtures/table.json) that has gradients.

HOW TO RUN
    npm run fixtures                  (runs every fixture generator)
    /usr/bin/python3 scripts/gen_higher_order_fixtures.py      (after gen_table_fixtures.py)

For a case with inputs x (its tensor arguments that require grad, positional, depth-first), output
y and upstream w (the table fixture's, here requiring grad as well):
    g1 = grad((y * w).sum(), x, create_graph=True)
    g2 = grad(sum((g1_i * v_i).sum()), x + [w], create_graph=True)
    g3 = grad(sum((g2_i * u_i).sum()), x + [w])
with v and u drawn here, seeded from the case's own name. A gradient that does not depend on x
(g1_i without grad_fn, an unused input) counts as zeros, as PyTorch's allow_unused gives None.

Output: test/fixtures/higher_order.json = { "generator", "torch", "cases": [
  {"name", "v": [T...], "u": [T...], "grads2": [T...], "grads3": [T...], "g1_grad_fn": [name...]}
  (u, grads2, grads3: x's, then w's; g1_grad_fn: the grad_fn of each g1_i)
  or {"name", "error": {"type", "message"}} where PyTorch itself cannot differentiate twice ] },
"backward_warning": the UserWarning of backward(create_graph=True), and "inplace_scatter_reduce":
Tensor.scatter_reduce_'s g1, g2, g3 (see inplace_scatter_reduce); read by
test/higher-order.test.ts, which runs the same calls on both devices.

torch.cdist, whose double backward PyTorch 1.13 refuses, is differentiated through the composition
CdistComposedBackward below (its docstring says which).
"""

import json
import os
import sys
import warnings

import system_torch  # noqa: F401 -- re-executes with /usr/bin/python3 when torch is missing
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as base  # noqa: E402  (the call resolver, seeding and the tensor encoding)
import gen_table_fixtures  # noqa: E402,F401  (what the table's calls need: index spellings, Functions, F.rms_norm)

GENERATOR = "scripts/gen_higher_order_fixtures.py"
OUT = os.path.join(base.OUT_DIR, "higher_order.json")
def conv_transpose_pytorch2(fn, dims):
    """
    PyTorch 1.13's double backward of a transposed convolution with output_padding raises
    "output_padding is not supported for non-transposed convolutions" (PyTorch 2 differentiates it):
    the same function composed as 1.13 can differentiate twice, the full transposed convolution
    (no padding, no output_padding, no bias) zero-padded on the far side and cropped by `padding`,
    plus the bias.
    """
    def call(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
        as_list = lambda v: list(v) if isinstance(v, (list, tuple)) else [v] * dims  # noqa: E731
        pad, opad = as_list(padding), as_list(output_padding)
        if not any(opad):
            return fn(input, weight, bias, stride, padding, output_padding, groups, dilation)
        full = fn(input, weight, None, stride, 0, 0, groups, dilation)
        tail = []
        for d in reversed(range(dims)):
            tail += [0, max(0, opad[d] - pad[d])]
        full = torch.nn.functional.pad(full, tail)
        index = [slice(None)] * (full.dim() - dims)
        for d in range(dims):
            size = full.shape[full.dim() - dims + d] - max(0, opad[d] - pad[d]) - 2 * pad[d] + opad[d]
            index.append(slice(pad[d], pad[d] + size))
        out = full[tuple(index)]
        return out if bias is None else out + bias.view([-1] + [1] * dims)
    return call


def batch_norm_weight_of_ones(input, running_mean, running_var, weight=None, bias=None, *args, **kwargs):
    """
    PyTorch 1.13's third derivative of batch_norm with a bias and no weight raises "Expected a proper
    Tensor but got None" (its double backward meets the undefined weight): the same function with a
    weight of ones that is no leaf.
    """
    if weight is None and bias is not None:
        weight = torch.ones(input.shape[1], dtype=input.dtype)
    return torch.nn.functional.batch_norm(input, running_mean, running_var, weight, bias, *args, **kwargs)


class CdistComposedBackward(torch.autograd.Function):
    """
    torch.cdist whose backward is _cdist_backward written in differentiable torch ops, the same ops
    wasmgrad records under create_graph (cdistRecorded in src/js/grad/linalg_more.ts): PyTorch 1.13
    cannot differentiate _cdist_backward ("the derivative for '_cdist_backward' is not implemented"),
    so the second and third derivatives are PyTorch's autograd through this composition. Its first
    derivative is _cdist_backward's (checked against torch.cdist's by the table's fixtures).
    """
    @staticmethod
    def forward(ctx, x1, x2, p):
        dist = torch.cdist(x1, x2, p)
        ctx.save_for_backward(x1, x2, dist)
        ctx.p = p
        return dist

    @staticmethod
    def backward(ctx, g):
        x1, x2, dist = ctx.saved_tensors
        p = ctx.p
        diff = x1.unsqueeze(-2) - x2.unsqueeze(-3)
        d, gv = dist.unsqueeze(-1), g.unsqueeze(-1)
        sgn, ad = diff.sign(), diff.abs()
        zero = torch.zeros((), dtype=diff.dtype)
        zww = lambda c, a: torch.where(c == 0, zero, a)  # noqa: E731 -- wasmgrad's zeroWhereZero
        if p == 1:
            term = gv * sgn
        elif p == 2:
            term = gv * zww(d, diff / d)
        elif p == float("inf"):
            term = torch.where(ad == d, gv * sgn, zero)
        elif p < 1:
            term = zww(d, zww(diff, sgn * ad.pow(p - 1)) * gv * d.pow(1 - p))
        elif p < 2:
            term = zww(d, sgn * ad.pow(p - 1) * (gv / d.pow(p - 1)))
        else:
            term = zww(d, diff * ad.pow(p - 2) * (gv / d.pow(p - 1)))
        g1, g2 = term.sum(-2), -term.sum(-3)
        sum_to = lambda t, shape: t.sum_to_size(shape)  # noqa: E731 -- the batch dims broadcast
        return sum_to(g1, x1.shape), sum_to(g2, x2.shape), None


def cdist_composed(x1, x2, p=2.0, compute_mode="use_mm_for_euclid_dist_if_necessary"):
    return CdistComposedBackward.apply(x1, x2, p)


PYTORCH2_CALLS = {
    name: conv_transpose_pytorch2(base.resolve(name), dims)
    for name, dims in [("F.conv_transpose1d", 1), ("F.conv_transpose2d", 2),
                       ("torch.conv_transpose1d", 1), ("torch.conv_transpose2d", 2)]
}
PYTORCH2_CALLS["F.batch_norm"] = batch_norm_weight_of_ones
PYTORCH2_CALLS["torch.cdist"] = cdist_composed


def grads_of(total, leaves, create_graph):
    """d total / d leaves, zeros where it does not depend on a leaf."""
    if not total.requires_grad:
        return [torch.zeros_like(x) for x in leaves]
    gs = torch.autograd.grad(total, leaves, create_graph=create_graph, allow_unused=True)
    return [torch.zeros_like(x) if g is None else g for x, g in zip(leaves, gs)]


def weighted(gs, ws):
    return sum(((g * w).sum() for g, w in zip(gs, ws)), torch.zeros(()))


def higher_order(case):
    tensors = []
    args = [base.dec_arg(a, tensors) for a in case["args"]]
    leaves = [t for t in tensors if t.requires_grad]  # the positional ones: keywords are decoded after
    kwargs = {k: getattr(torch, v) if k == "dtype" else base.dec_arg(v, []) for k, v in case["kwargs"].items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = PYTORCH2_CALLS.get(case["call"], base.resolve(case["call"]))(*args, **kwargs)
    first = out[0] if isinstance(out, tuple) else out
    # the upstream takes part too: d g1 / d w is the Jacobian-vector product (the double-backward
    # trick of autograd.functional.jvp), which a rule that does not record itself would lose
    w = base.dec_tensor(case["upstream"]).to(first.dtype).requires_grad_()
    entry = {"name": case["name"]}
    try:
        g1 = grads_of((first * w).sum(), leaves, True)
        v = [torch.randn(x.shape, dtype=x.dtype) for x in leaves]
        g2 = grads_of(weighted(g1, v), leaves + [w], True)
        u = [torch.randn(x.shape, dtype=x.dtype) for x in leaves + [w]]
        g3 = grads_of(weighted(g2, u), leaves + [w], False)
    except RuntimeError as e:
        entry["error"] = {"type": type(e).__name__, "message": str(e)}
        return entry
    enc = lambda ts: [base.enc_tensor(t, requires_grad=False) for t in ts]  # noqa: E731
    entry.update(v=enc(v), u=enc(u), grads2=enc(g2), grads3=enc(g3),
                 g1_grad_fn=[type(g.grad_fn).__name__ if g.grad_fn is not None else None for g in g1])
    return entry


def backward_warning():
    """The UserWarning of backward(create_graph=True): the .grad it leaves holds the parameter."""
    x = torch.tensor([0.5, -1.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        x.pow(3).sum().backward(create_graph=True)
    (w,) = [w for w in caught if issubclass(w.category, UserWarning)]
    # the C++ engine appends where it was raised: PyTorch's Python-side text is what users read
    return str(w.message).split(" (Triggered internally")[0]


INPLACE_SCATTER_REDUCE = [
    # (reduce, include_self, self, index, src): ties for amax/amin, a lone zero for prod, float64
    ("sum", True, [1.0, -2.0, 0.5, 3.0], [0, 0, 2, 3, 3], [0.5, 1.5, -1.0, 2.0, 0.25]),
    ("prod", True, [2.0, 0.0, 3.0, -1.5], [0, 0, 1, 2, 2, 3], [0.0, 1.5, 2.0, -0.5, 0.0, 0.5]),
    ("mean", False, [1.0, -2.0, 0.5, 3.0], [3, 3, 0, 1], [0.5, 1.5, -1.0, 2.0]),
    ("amax", True, [1.0, 5.0, -1.0, 2.0], [0, 0, 1, 2, 3], [3.0, 3.0, 5.0, -1.0, 0.5]),
    ("amin", False, [1.0, 5.0, -1.0, 2.0], [0, 0, 1, 1, 3], [-2.0, -2.0, 5.0, 7.0, 1.0]),
]


def inplace_scatter_reduce():
    """
    Tensor.scatter_reduce_ on a clone of self (a leaf may not be changed in place): g1, g2 and g3 as
    for the table's cases, over self and src, the derivative reading PyTorch's original_self.
    """
    out = []
    for reduce, include_self, self_v, index_v, src_v in INPLACE_SCATTER_REDUCE:
        name = f"scatter_reduce_/{reduce}"
        with base.seeded(name + "/higher order"):
            x = torch.tensor(self_v, dtype=torch.float64, requires_grad=True)
            src = torch.tensor(src_v, dtype=torch.float64, requires_grad=True)
            index = torch.tensor(index_v)
            y = x.clone()
            y.scatter_reduce_(0, index, src, reduce, include_self=include_self)
            w = torch.randn(y.shape, dtype=torch.float64, requires_grad=True)
            g1 = grads_of((y * w).sum(), [x, src], True)
            v = [torch.randn(t.shape, dtype=torch.float64) for t in (x, src)]
            g2 = grads_of(weighted(g1, v), [x, src, w], True)
            u = [torch.randn(t.shape, dtype=torch.float64) for t in (x, src, w)]
            g3 = grads_of(weighted(g2, u), [x, src, w], False)
        enc = lambda ts: [base.enc_tensor(t.detach(), requires_grad=False) for t in ts]  # noqa: E731
        out.append({"name": name, "reduce": reduce, "include_self": include_self, "self": self_v, "index": index_v,
                    "src": src_v, "w": enc([w])[0], "v": enc(v), "u": enc(u), "grads1": enc(g1), "grads2": enc(g2),
                    "grads3": enc(g3), "grad_fn": y.grad_fn.name()})
    return out


def main():
    with open(os.path.join(base.OUT_DIR, "table.json")) as fh:
        table = json.load(fh)
    cases = []
    for case in table["cases"]:
        if not case["upstream"] or not case["grad_fn"]:
            continue
        with base.seeded(case["name"] + "/higher order"):
            cases.append(higher_order(case))
    out = {"generator": GENERATOR, "torch": torch.__version__, "cases": cases, "backward_warning": backward_warning(),
           "inplace_scatter_reduce": inplace_scatter_reduce()}
    with open(OUT, "w") as fh:
        json.dump(out, fh, separators=(",", ":"), allow_nan=False)
        fh.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases, {sum('error' in c for c in cases)} that PyTorch cannot differentiate twice")


if __name__ == "__main__":
    main()
